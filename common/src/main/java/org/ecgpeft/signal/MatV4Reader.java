package org.ecgpeft.signal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reader for the first matrix of a MATLAB level-4 ({@code .mat} v4) file, the container PhysioNet
 * uses for CinC 2017 records ({@code val}, int16). Header: five int32 (type MOPT, mrows, ncols,
 * imagf, namlen), the null-terminated name, then the data column-major. Type digits: M byte order
 * (0 little-, 1 big-endian), O must be 0, P element type (0 double, 1 single, 2 int32, 3 int16,
 * 4 uint16, 5 uint8), T must be 0 (full numeric matrix).
 */
public final class MatV4Reader {

    private static final int HEADER_BYTES = 20;

    private MatV4Reader() {}

    /** Reads the first matrix of {@code file}. */
    public static MatV4Matrix read(Path file) throws IOException, EcgFormatException {
        return read(BoundedFiles.readAll(file, BoundedFiles.MAX_DATA_BYTES), file.toString());
    }

    /** Reads the first matrix of a MAT v4 image; {@code locator} names it in errors. */
    public static MatV4Matrix read(byte[] bytes, String locator) throws EcgFormatException {
        if (bytes.length < HEADER_BYTES) {
            throw new EcgFormatException(
                    locator, "MAT v4 file truncated: " + bytes.length + " bytes, header needs " + HEADER_BYTES);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int type = buf.getInt(0);
        if (type < 0 || type > 4999) {
            // The type word of a big-endian file read little-endian is huge; re-read it big-endian.
            buf.order(ByteOrder.BIG_ENDIAN);
            type = buf.getInt(0);
        }
        int m = type / 1000;
        int o = (type / 100) % 10;
        int p = (type / 10) % 10;
        int t = type % 10;
        if (type < 0 || m > 1 || o != 0 || t != 0 || p > 5) {
            throw new EcgFormatException(locator, "not a numeric MAT v4 matrix (type word " + buf.getInt(0) + ")");
        }
        if ((m == 1) != (buf.order() == ByteOrder.BIG_ENDIAN)) {
            throw new EcgFormatException(locator, "MAT v4 type word " + type + " contradicts the file's byte order");
        }
        int rows = buf.getInt(4);
        int cols = buf.getInt(8);
        int imagf = buf.getInt(12);
        int namlen = buf.getInt(16);
        if (rows < 0 || cols < 0) {
            throw new EcgFormatException(locator, "negative MAT v4 dimensions " + rows + "x" + cols);
        }
        if (imagf != 0) {
            throw new EcgFormatException(locator, "complex MAT v4 matrices are not supported");
        }
        if (namlen < 1 || namlen > bytes.length - HEADER_BYTES) {
            throw new EcgFormatException(
                    locator, "invalid MAT v4 name length " + namlen + " (file has " + bytes.length + " bytes)");
        }
        int nameEnd = HEADER_BYTES + namlen - 1;
        while (nameEnd > HEADER_BYTES && bytes[nameEnd - 1] == 0) {
            nameEnd--;
        }
        if (bytes[HEADER_BYTES + namlen - 1] != 0) {
            throw new EcgFormatException(locator, "MAT v4 matrix name is not null-terminated");
        }
        String name = new String(bytes, HEADER_BYTES, nameEnd - HEADER_BYTES, StandardCharsets.US_ASCII);
        int elementBytes = elementBytes(p);
        long count = (long) rows * cols;
        long dataStart = HEADER_BYTES + (long) namlen;
        long available = bytes.length - dataStart;
        // Compared by division: rows x cols x element size can overflow a long for a corrupt header.
        if (count > available / elementBytes) {
            throw new EcgFormatException(
                    locator,
                    "MAT v4 matrix '" + name + "' truncated: " + rows + "x" + cols
                            + " of " + elementBytes + "-byte elements needs more data bytes than the " + available
                            + " the file has");
        }
        double[] data = new double[(int) count];
        buf.position((int) dataStart);
        for (int i = 0; i < data.length; i++) {
            data[i] = readElement(buf, p);
        }
        return new MatV4Matrix(name, rows, cols, data, p, dataStart);
    }

    private static int elementBytes(int p) {
        switch (p) {
            case 0:
                return 8;
            case 1:
                return 4;
            case 2:
                return 4;
            case 3:
                return 2;
            case 4:
                return 2;
            default:
                return 1;
        }
    }

    private static double readElement(ByteBuffer buf, int p) {
        switch (p) {
            case 0:
                return buf.getDouble();
            case 1:
                return buf.getFloat();
            case 2:
                return buf.getInt();
            case 3:
                return buf.getShort();
            case 4:
                return Short.toUnsignedInt(buf.getShort());
            default:
                return Byte.toUnsignedInt(buf.get());
        }
    }
}
