package org.ecgpeft.signal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small WFDB records (header + format-16 .dat or MAT v4 .mat) for round-trip tests. */
final class WfdbTestFiles {

    private WfdbTestFiles() {}

    /** Format-16 record; {@code adc[s][t]} is signal s at sample t, written interleaved. */
    static Path writeDat(Path dir, String name, double fs, short[][] adc, String gainField, boolean withChecksum)
            throws IOException {
        int nsig = adc.length;
        int n = adc[0].length;
        ByteBuffer buf = ByteBuffer.allocate(2 * nsig * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int t = 0; t < n; t++) {
            for (short[] signal : adc) {
                buf.putShort(signal[t]);
            }
        }
        Files.write(dir.resolve(name + ".dat"), buf.array());
        StringBuilder hea = new StringBuilder(name + " " + nsig + " " + fs + " " + n + "\n");
        for (short[] signal : adc) {
            hea.append(name)
                    .append(".dat 16 ")
                    .append(gainField)
                    .append(" 16 0 ")
                    .append(signal[0])
                    .append(' ')
                    .append(withChecksum ? checksum(signal) : 0)
                    .append(" 0 ECG\n");
        }
        return writeHeader(dir, name, hea.toString());
    }

    /** Single-signal MAT v4 record in the CinC layout (1 x n matrix "val"); elementType is P (0 double, 3 int16). */
    static Path writeMat(Path dir, String name, double fs, short[] adc, int elementType, String gainField)
            throws IOException {
        Files.write(dir.resolve(name + ".mat"), matBytes(adc, elementType, ByteOrder.LITTLE_ENDIAN));
        return writeHeader(
                dir,
                name,
                name + " 1 " + fs + " " + adc.length + " 05:05:15 1/05/2000\n" + name + ".mat 16+24 " + gainField
                        + " 16 0 " + adc[0] + " 0 0 ECG\n");
    }

    static byte[] matBytes(short[] adc, int elementType, ByteOrder order) {
        int elementBytes = elementType == 0 ? 8 : 2;
        byte[] nameBytes = "val\0".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buf = ByteBuffer.allocate(20 + nameBytes.length + elementBytes * adc.length)
                .order(order);
        int m = order == ByteOrder.BIG_ENDIAN ? 1 : 0;
        buf.putInt(m * 1000 + elementType * 10)
                .putInt(1)
                .putInt(adc.length)
                .putInt(0)
                .putInt(nameBytes.length);
        buf.put(nameBytes);
        for (short v : adc) {
            if (elementType == 0) {
                buf.putDouble(v);
            } else {
                buf.putShort(v);
            }
        }
        return buf.array();
    }

    static Path writeHeader(Path dir, String name, String text) throws IOException {
        Path hea = dir.resolve(name + ".hea");
        Files.writeString(hea, text, StandardCharsets.US_ASCII);
        return hea;
    }

    static int checksum(short[] signal) {
        int sum = 0;
        for (short v : signal) {
            sum += v;
        }
        return (short) sum;
    }

    static short[] ramp(int n, int seed) {
        short[] x = new short[n];
        for (int i = 0; i < n; i++) {
            x[i] = (short) ((i * 37 + seed * 101) % 2001 - 1000);
        }
        return x;
    }
}
