package org.ecgpeft.jobs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small WFDB records (.hea + MATLAB v4 .mat, like CinC 2017) for tests. */
public final class TestData {
    private TestData() {}

    /** Writes {@code name.hea} and {@code name.mat} holding the int16 samples at gain 1000, baseline 0. */
    public static void writeWfdb(Path dir, String name, short[] adc, int headerSamples) throws IOException {
        Files.writeString(
                dir.resolve(name + ".hea"),
                name + " 1 300 " + headerSamples + " 05:05:15 1/05/2000\n" + name
                        + ".mat 16+24 1000/mV 16 0 0 0 0 ECG\n");
        ByteBuffer b = ByteBuffer.allocate(24 + 2 * adc.length).order(ByteOrder.LITTLE_ENDIAN);
        // MAT v4 header: type 30 = little-endian int16 matrix, 1 row, n columns, real, name "val\0".
        b.putInt(30).putInt(1).putInt(adc.length).putInt(0).putInt(4).put(new byte[] {'v', 'a', 'l', 0});
        for (short s : adc) {
            b.putShort(s);
        }
        Files.write(dir.resolve(name + ".mat"), b.array());
    }

    /**
     * A CinC-like folder: record {@code names[i]} holds {@code signal(samples, i + 1)}, and {@code REFERENCE.csv}
     * the given labels ({@code "X1,N\nX2,A\n"}; a record left out of it is unlabelled).
     */
    public static void writeLabelledFolder(Path dir, int samples, String reference, String... names)
            throws IOException {
        for (int i = 0; i < names.length; i++) {
            writeWfdb(dir, names[i], signal(samples, i + 1), samples);
        }
        Files.writeString(dir.resolve("REFERENCE.csv"), reference);
    }

    /** A deterministic int16 test signal. */
    public static short[] signal(int n, int phase) {
        short[] x = new short[n];
        for (int i = 0; i < n; i++) {
            x[i] = (short) Math.round(800 * Math.sin((i + phase) * 0.07) + 37 * ((i * 31 + phase) % 7));
        }
        return x;
    }
}
