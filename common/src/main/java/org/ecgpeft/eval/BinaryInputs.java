package org.ecgpeft.eval;

/** Argument checks shared by the metric classes, so every caller gets the same messages. */
final class BinaryInputs {

    private BinaryInputs() {}

    /** Rejects null, empty, or non-0/1 arrays, naming the argument and the first bad index. */
    static void requireBinary(int[] values, String name) {
        if (values == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0 && values[i] != 1) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + values[i] + " but must be 0 or 1");
            }
        }
    }

    /** Rejects null arrays and NaN/infinite scores, naming the argument and the first bad index. */
    static void requireFinite(double[] values, String name) {
        if (values == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + values[i] + " but must be finite");
            }
        }
    }

    static void requireSameLength(int expected, int actual, String name) {
        if (expected != actual) {
            throw new IllegalArgumentException(name + " has length " + actual + " but labels has length " + expected);
        }
    }

    /** Threshold must be a finite number; probabilities at or above it predict the positive class. */
    static void requireThreshold(double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold = " + threshold + " but must be finite");
        }
    }
}
