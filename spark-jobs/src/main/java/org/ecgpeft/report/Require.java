package org.ecgpeft.report;

/** Argument checks shared by the report records; every message names the offending key. */
final class Require {

    private Require() {}

    static String text(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must be a non-blank string, got " + value);
        }
        return value;
    }

    static long nonNegative(long value, String key) {
        if (value < 0) {
            throw new IllegalArgumentException(key + " must be >= 0, got " + value);
        }
        return value;
    }

    /** NaN is allowed and means "not measured"; anything else must be a finite value >= 0. */
    static double nonNegativeOrNaN(double value, String key) {
        if (!Double.isNaN(value) && (value < 0 || Double.isInfinite(value))) {
            throw new IllegalArgumentException(key + " must be a finite value >= 0 or NaN, got " + value);
        }
        return value;
    }

    /** NaN is allowed (metric undefined, e.g. AUROC on one class); otherwise within [0, 1]. */
    static double unitOrNaN(double value, String key) {
        if (!Double.isNaN(value) && (value < 0 || value > 1)) {
            throw new IllegalArgumentException(key + " must lie in [0, 1] or be NaN, got " + value);
        }
        return value;
    }
}
