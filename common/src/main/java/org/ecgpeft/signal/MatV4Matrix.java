package org.ecgpeft.signal;

/**
 * A real, full numeric matrix from a MATLAB v4 file, values widened to double, column-major
 * (element (r, c) at {@code c * rows + r}) as stored on disk.
 */
public record MatV4Matrix(String name, int rows, int cols, double[] data) {

    public MatV4Matrix {
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("matrix " + name + " is " + rows + "x" + cols + " but has "
                    + data.length + " values");
        }
    }

    /** Element at row {@code r}, column {@code c}. */
    public double get(int r, int c) {
        return data[c * rows + r];
    }
}
