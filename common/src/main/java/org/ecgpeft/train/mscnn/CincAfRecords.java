package org.ecgpeft.train.mscnn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ecgpeft.signal.EcgFormatException;
import org.ecgpeft.signal.EcgRecord;
import org.ecgpeft.signal.ReferenceLabels;
import org.ecgpeft.signal.WfdbReader;

/**
 * The PhysioNet/CinC 2017 N-vs-AF records of a WFDB folder ({@code REFERENCE.csv} + {@code .hea}/{@code .mat}):
 * {@code N} becomes label 0, {@code A} label 1; the other rhythm ({@code O}) and noisy ({@code ~}) records are
 * left out, as in the study.
 */
public final class CincAfRecords {

    private CincAfRecords() {}

    /**
     * Reads every N and A record of {@code folder}, in {@code REFERENCE.csv} order.
     *
     * @param sampleRateHz the rate every record must have (300 Hz for CinC 2017; the encoder's windows assume it)
     * @throws EcgFormatException for a malformed reference file or record, or a record at another rate
     */
    public static List<AfRecord> load(Path folder, double sampleRateHz) throws IOException, EcgFormatException {
        Path reference = folder.resolve("REFERENCE.csv");
        if (!Files.isRegularFile(reference)) {
            throw new EcgFormatException(reference.toString(), "no REFERENCE.csv in the WFDB folder");
        }
        List<AfRecord> records = new ArrayList<>();
        for (Map.Entry<String, String> e : ReferenceLabels.read(reference).entrySet()) {
            int label = labelOf(e.getValue());
            if (label < 0) {
                continue;
            }
            EcgRecord r = WfdbReader.read(folder.resolve(e.getKey() + ".hea"), e.getValue(), "cinc2017");
            if (r.sampleRate() != sampleRateHz) {
                throw new EcgFormatException(
                        folder.resolve(e.getKey() + ".hea").toString(),
                        "sampled at " + r.sampleRate() + " Hz but the encoder expects " + sampleRateHz + " Hz");
            }
            records.add(new AfRecord(e.getKey(), label, r.signal()));
        }
        return List.copyOf(records);
    }

    /** 0 for N, 1 for A, -1 for the excluded classes. */
    static int labelOf(String cincLabel) {
        return switch (cincLabel) {
            case "N" -> 0;
            case "A" -> 1;
            default -> -1;
        };
    }
}
