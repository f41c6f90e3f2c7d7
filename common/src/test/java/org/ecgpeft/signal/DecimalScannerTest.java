package org.ecgpeft.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Property tests of the allocation-free number scanner against the JDK: every decimal text of the
 * accepted grammar reads as the very bits {@link Float#parseFloat} (and {@link Double#parseDouble})
 * gives, including the float rounding midpoints where rounding through a double would go wrong, and
 * every other text reads as "not a number".
 */
class DecimalScannerTest {

    private static final Pattern GRAMMAR = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final int CASES = 40_000;

    @Test
    void randomDecimalTextsReadAsTheJdkReadsThem() {
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < CASES; i++) {
            assertSameAsJdk(decimal(random));
        }
    }

    @Test
    void floatMidpointsRoundOnceAsParseFloatDoes() {
        SplittableRandom random = new SplittableRandom(15);
        int parsedViaDoubleDiffers = 0;
        for (int i = 0; i < CASES / 4; i++) {
            // Half over all finite floats, half where ECG samples live (the scanner's fast path).
            float f = random.nextBoolean()
                    ? Float.intBitsToFloat(random.nextInt(0x7f7fffff))
                    : (float) Math.abs(random.nextGaussian() * 1000);
            BigDecimal mid =
                    new BigDecimal(f).add(new BigDecimal(Math.nextUp(f))).divide(BigDecimal.valueOf(2));
            // The exact midpoint, and the same text cut short or nudged in its last digits.
            String exact = mid.toString();
            for (String text : new String[] {
                exact,
                cut(exact, random),
                mid.round(new MathContext(9 + random.nextInt(12))).toString(),
                (random.nextBoolean() ? "-" : "") + mid.toPlainString()
            }) {
                assertSameAsJdk(text);
                if ((float) Double.parseDouble(text) != Float.parseFloat(text)) {
                    parsedViaDoubleDiffers++;
                }
            }
        }
        // The test data must include the cases a double-then-float parse gets wrong.
        assertTrue(parsedViaDoubleDiffers > 0, "no double-rounding case generated");
    }

    @Test
    void edgeTextsReadAsTheJdkReadsThem() {
        for (String text : new String[] {
            "0",
            "-0",
            "+0",
            "0.0",
            "-0.000",
            "000123.4500",
            "1.",
            ".5",
            "-.5",
            "+.5e1",
            "1e10",
            "1E-10",
            "1e+10",
            "1e11",
            "1e-11",
            "16777215",
            "16777216",
            "16777217",
            "16777217e-3",
            "3.4028235e38",
            "3.4028236e38",
            "3.4028235677973366e38",
            "1.4e-45",
            "7e-46",
            "1e-46",
            "1e39",
            "1e999",
            "1e-999",
            "123456789012345678901234567890",
            "0.000000000000000000000000000001",
            "-2.5e-3",
            "9.999999e9",
            "4.2949673e9",
            "0.1",
            "0.2",
            "0.3",
            "-1234.567",
            "00000000000000000000000000000001.5"
        }) {
            assertSameAsJdk(text);
        }
    }

    @Test
    void garbageIsNotANumber() {
        for (String text : new String[] {
            "",
            "-",
            "+",
            ".",
            "-.",
            "e5",
            ".e5",
            "1e",
            "1e+",
            "1e-",
            "1.2.3",
            "1..2",
            "--1",
            "+-1",
            "1-",
            "NaN",
            "nan",
            "Infinity",
            "-Infinity",
            "inf",
            "0x1F",
            "0x1p3",
            "1f",
            "1d",
            "1,5",
            " 1",
            "1 ",
            "\"2\"",
            "1e5.5",
            "١٢"
        }) {
            assertTrue(
                    Float.isNaN(DecimalScanner.parseFloat(text, 0, text.length())), "read '" + text + "' as a number");
            assertTrue(Double.isNaN(DecimalScanner.parse(text, 0, text.length())), "read '" + text + "' as a number");
        }
        SplittableRandom random = new SplittableRandom(16);
        String alphabet = "0123456789+-.eE x,";
        for (int i = 0; i < CASES / 4; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = 1 + random.nextInt(12); n > 0; n--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            if (GRAMMAR.matcher(text).matches()) {
                assertSameAsJdk(text);
            } else {
                assertTrue(Float.isNaN(DecimalScanner.parseFloat(text, 0, text.length())), "read '" + text + "'");
            }
        }
    }

    @Test
    void readsTheGivenRangeOnly() {
        String line = "7,-12.5e-1,3";
        assertEquals(-1.25f, DecimalScanner.parseFloat(line, 2, 10));
        assertEquals(-1.25, DecimalScanner.parse(line, 2, 10));
    }

    private static void assertSameAsJdk(String text) {
        assertTrue(GRAMMAR.matcher(text).matches(), "test generated a text outside the grammar: " + text);
        assertEquals(
                Float.floatToRawIntBits(Float.parseFloat(text)),
                Float.floatToRawIntBits(DecimalScanner.parseFloat(text, 0, text.length())),
                "float of '" + text + "'");
        assertEquals(
                Double.doubleToRawLongBits(Double.parseDouble(text)),
                Double.doubleToRawLongBits(DecimalScanner.parse(text, 0, text.length())),
                "double of '" + text + "'");
    }

    /** A random text of the grammar: sign, leading zeros, up to 25 integer and fraction digits, an exponent. */
    private static String decimal(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        switch (random.nextInt(3)) {
            case 0 -> sb.append('-');
            case 1 -> sb.append(random.nextInt(8) == 0 ? "+" : "");
            default -> {}
        }
        for (int z = random.nextInt(4) == 0 ? random.nextInt(5) : 0; z > 0; z--) {
            sb.append('0');
        }
        int intDigits = random.nextInt(4) == 0 ? random.nextInt(26) : random.nextInt(5);
        int fracDigits = random.nextInt(4) == 0 ? random.nextInt(26) : random.nextInt(7);
        if (intDigits == 0 && fracDigits == 0 && sb.indexOf("0") < 0) {
            intDigits = 1;
        }
        digits(sb, intDigits, random);
        if (fracDigits > 0 || random.nextInt(10) == 0) {
            sb.append('.');
            digits(sb, fracDigits, random);
        }
        if (random.nextInt(3) == 0) {
            sb.append(random.nextBoolean() ? 'e' : 'E');
            sb.append(random.nextInt(3) == 0 ? "-" : random.nextInt(3) == 0 ? "+" : "");
            sb.append(random.nextInt(4) == 0 ? random.nextInt(60) : random.nextInt(12));
        }
        return sb.toString();
    }

    private static void digits(StringBuilder sb, int n, SplittableRandom random) {
        for (int d = 0; d < n; d++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
    }

    /** {@code text} with its significand cut to a random number of digits (still a valid decimal). */
    private static String cut(String text, SplittableRandom random) {
        int e = text.indexOf('E');
        String mantissa = e < 0 ? text : text.substring(0, e);
        String exponent = e < 0 ? "" : text.substring(e);
        int keep = Math.min(mantissa.length(), 3 + random.nextInt(Math.max(1, mantissa.length() - 2)));
        String head = mantissa.substring(0, keep);
        return (head.endsWith(".") ? head + "0" : head) + exponent;
    }
}
