package org.ecgpeft.train.encoder;

import java.util.ArrayList;
import java.util.List;
import org.ecgpeft.signal.EcgRecord;
import org.ecgpeft.signal.SyntheticEcgConfig;
import org.ecgpeft.signal.SyntheticEcgGenerator;

/** Synthetic N/AF records at 300 Hz for the encoder tests. */
final class SyntheticAf {

    private SyntheticAf() {
    }

    static List<AfRecord> records(int count, double seconds, double afFraction, long seed) {
        SyntheticEcgGenerator generator =
                new SyntheticEcgGenerator(new SyntheticEcgConfig(count, 300, seconds, afFraction, seed));
        List<AfRecord> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            EcgRecord r = generator.generate(i);
            out.add(new AfRecord(r.recordId(), r.label().equals("A") ? 1 : 0, r.signal()));
        }
        return out;
    }
}
