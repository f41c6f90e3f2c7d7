package org.ecgpeft.signal;

/**
 * Parses one decimal number from a character range without allocating: the hot path of the CSV
 * segment parser (tens of millions of fields). Accepts {@code [+-]digits[.digits][(e|E)[+-]digits]}
 * (either digit run may be empty, not both). Mantissas of up to 18 significant digits with a
 * decimal exponent in [-22, 22] are converted with one exact double multiply or divide (Clinger's
 * fast path), hence correctly rounded to double; anything else falls back to {@link Double#parseDouble}.
 * {@link #parseFloat} is the float counterpart, bit-for-bit equal to {@link Float#parseFloat}: rounding
 * the correctly rounded double to float could round twice, so it has its own float fast path.
 */
final class DecimalScanner {

    /** Returned by {@link #parse} for text that is not a decimal number. */
    static final double NOT_A_NUMBER_TEXT = Double.NaN;

    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22
    };
    /** Powers of ten exact in a float (5^10 < 2^24 < 5^11). */
    private static final float[] POW10F = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f};
    /** 2^53: mantissas below this are exact in a double. */
    private static final long EXACT_MANTISSA = 1L << 53;
    /** 2^24: mantissas below this are exact in a float. */
    private static final long EXACT_FLOAT_MANTISSA = 1L << 24;

    private DecimalScanner() {}

    /**
     * Value of {@code s[from, to)}, or NaN when the text is not a decimal number (callers tell the
     * two apart because a decimal number never parses to NaN).
     */
    static double parse(CharSequence s, int from, int to) {
        return scan(s, from, to, false);
    }

    /**
     * Value of {@code s[from, to)} as the float {@link Float#parseFloat} gives for it (the same bits), or
     * NaN when the text is not a decimal number. Mantissas below 2^24 with a decimal exponent in [-10, 10]
     * take one exact float multiply or divide, correctly rounded; the rest falls back to
     * {@link Float#parseFloat}.
     */
    static float parseFloat(CharSequence s, int from, int to) {
        return (float) scan(s, from, to, true);
    }

    /** The shared scanner; {@code asFloat} selects the float fast path (its result is then exact as a float). */
    private static double scan(CharSequence s, int from, int to, boolean asFloat) {
        int i = from;
        if (i >= to) {
            return NOT_A_NUMBER_TEXT;
        }
        boolean negative = false;
        char c = s.charAt(i);
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int exponent = 0;
        int digits = 0;
        boolean precise = true;
        while (i < to && (c = s.charAt(i)) >= '0' && c <= '9') {
            digits++;
            if (mantissa != 0 || c != '0') {
                if (significant < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    significant++;
                } else {
                    exponent++;
                    precise = false;
                }
            }
            i++;
        }
        if (i < to && s.charAt(i) == '.') {
            i++;
            while (i < to && (c = s.charAt(i)) >= '0' && c <= '9') {
                digits++;
                if (mantissa != 0 || c != '0') {
                    if (significant < 18) {
                        mantissa = mantissa * 10 + (c - '0');
                        significant++;
                        exponent--;
                    } else {
                        precise = false;
                    }
                } else {
                    exponent--;
                }
                i++;
            }
        }
        if (digits == 0) {
            return NOT_A_NUMBER_TEXT;
        }
        if (i < to && ((c = s.charAt(i)) == 'e' || c == 'E')) {
            i++;
            boolean expNegative = false;
            if (i < to && ((c = s.charAt(i)) == '-' || c == '+')) {
                expNegative = c == '-';
                i++;
            }
            int expDigits = 0;
            int e = 0;
            while (i < to && (c = s.charAt(i)) >= '0' && c <= '9') {
                if (e < 100_000) {
                    e = e * 10 + (c - '0');
                }
                expDigits++;
                i++;
            }
            if (expDigits == 0) {
                return NOT_A_NUMBER_TEXT;
            }
            exponent += expNegative ? -e : e;
        }
        if (i != to) {
            return NOT_A_NUMBER_TEXT;
        }
        if (mantissa == 0) {
            return negative ? -0.0 : 0.0;
        }
        if (asFloat) {
            if (precise && mantissa < EXACT_FLOAT_MANTISSA && exponent >= -10 && exponent <= 10) {
                float f = exponent >= 0 ? mantissa * POW10F[exponent] : mantissa / POW10F[-exponent];
                return negative ? -f : f;
            }
            return Float.parseFloat(s.subSequence(from, to).toString());
        }
        if (precise && mantissa < EXACT_MANTISSA && exponent >= -22 && exponent <= 22) {
            double v = exponent >= 0 ? mantissa * POW10[exponent] : mantissa / POW10[-exponent];
            return negative ? -v : v;
        }
        return Double.parseDouble(s.subSequence(from, to).toString());
    }
}
