package org.ecgpeft.train.mscnn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ecgpeft.signal.EcgRecord;
import org.ecgpeft.signal.SyntheticEcgConfig;
import org.ecgpeft.signal.SyntheticEcgGenerator;

/** Synthetic N/AF records at 300 Hz for the encoder tests, in memory or as a CinC-like WFDB folder. */
final class SyntheticAf {

    private SyntheticAf() {}

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

    /**
     * Writes {@code records} as format-16 WFDB records (gain 1000/mV) plus a {@code REFERENCE.csv}, with one
     * extra record labelled {@code O} and one {@code ~} that a loader must skip.
     */
    static void writeWfdb(Path dir, List<AfRecord> records, double sampleRate) throws IOException {
        StringBuilder reference = new StringBuilder();
        for (AfRecord r : records) {
            writeRecord(dir, r.recordId(), r.signal(), sampleRate);
            reference
                    .append(r.recordId())
                    .append(',')
                    .append(r.label() == 1 ? "A" : "N")
                    .append('\n');
        }
        writeRecord(dir, "OTHER1", records.get(0).signal(), sampleRate);
        writeRecord(dir, "NOISY1", records.get(0).signal(), sampleRate);
        reference.append("OTHER1,O\nNOISY1,~\n");
        Files.writeString(dir.resolve("REFERENCE.csv"), reference.toString());
    }

    /** The signal as the WFDB round trip returns it: quantised to 1/1000 mV. */
    static float[] quantised(float[] mv) {
        float[] out = new float[mv.length];
        for (int i = 0; i < mv.length; i++) {
            out[i] = (float) (adc(mv[i]) / 1000.0);
        }
        return out;
    }

    private static short adc(float mv) {
        return (short) Math.max(Short.MIN_VALUE + 1, Math.min(Short.MAX_VALUE, Math.round(mv * 1000.0)));
    }

    private static void writeRecord(Path dir, String name, float[] mv, double sampleRate) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(2 * mv.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : mv) {
            buf.putShort(adc(v));
        }
        Files.write(dir.resolve(name + ".dat"), buf.array());
        Files.writeString(
                dir.resolve(name + ".hea"),
                name + " 1 " + sampleRate + " " + mv.length + "\n" + name + ".dat 16 1000/mV 16 0 " + adc(mv[0])
                        + " 0 0 ECG\n");
    }
}
