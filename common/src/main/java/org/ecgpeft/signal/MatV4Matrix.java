package org.ecgpeft.signal;

/**
 * A real, full numeric matrix from a MATLAB v4 file, values widened to double, column-major
 * (element (r, c) at {@code c * rows + r}) as stored on disk.
 *
 * @param elementType the P digit of the MAT type word: 0 double, 1 single, 2 int32, 3 int16, 4 uint16, 5 uint8
 * @param dataOffset  byte position of the first element in the file (what a WFDB header's {@code 16+24} names)
 */
public record MatV4Matrix(String name, int rows, int cols, double[] data, int elementType, long dataOffset) {

    /** MAT v4 element type digit of int16 data, the type WFDB's format 16 stores. */
    public static final int INT16 = 3;

    public MatV4Matrix {
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException(
                    "matrix " + name + " is " + rows + "x" + cols + " but has " + data.length + " values");
        }
    }

    /** Element at row {@code r}, column {@code c}. */
    public double get(int r, int c) {
        return data[c * rows + r];
    }

    /** The element type in words, for messages. */
    public String elementTypeName() {
        return switch (elementType) {
            case 0 -> "double";
            case 1 -> "single";
            case 2 -> "int32";
            case 3 -> "int16";
            case 4 -> "uint16";
            default -> "uint8";
        };
    }
}
