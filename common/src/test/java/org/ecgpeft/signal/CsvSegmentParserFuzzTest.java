package org.ecgpeft.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the CSV segment parser: rows truncated, with flipped characters, extreme or
 * non-finite values, extra or missing commas, odd labels, and parsers declared with huge or inferred
 * widths. Every case must end, within a second and without allocating more than the line could fill,
 * either in an {@link EcgFormatException} naming the file and line, or in exactly the values
 * {@link Float#parseFloat} reads from the row's fields.
 */
class CsvSegmentParserFuzzTest {

    private static final int CASES = 400;
    private static final int WIDTH = 600;
    private static final String[] ODD_FIELDS = {
        "NaN",
        "-Infinity",
        "inf",
        "1e999",
        "-1e39",
        "1e-999",
        "",
        " ",
        "0x1F",
        "1e",
        ".",
        "-",
        "+.5",
        "99999999999999999999999",
        "3.4028236e38",
        "1,5",
        "\"2\""
    };
    private static final int[] DECLARED = {0, WIDTH, WIDTH - 1, 1 << 28, Integer.MAX_VALUE - 1};

    @Test
    void everyMutatedRowParsesExactlyOrFailsNamingTheLine() {
        SplittableRandom random = new SplittableRandom(2017);
        int errors = 0;
        for (int i = 0; i < CASES; i++) {
            String row = mutate(row(random), random);
            int declared = DECLARED[random.nextInt(DECLARED.length)];
            CsvSegmentParser parser = new CsvSegmentParser("seg.csv", declared);
            String what = "case " + i + " (declared width " + declared + "): "
                    + (row.length() > 120 ? row.substring(0, 120) + "..." : row);
            ReaderBudget budget = new ReaderBudget();
            try {
                CsvSegment seg = parser.parse(row, i + 1);
                budget.check(what, 2L * row.length());
                assertSameSegment(expectedValues(row, declared), seg, what);
            } catch (EcgFormatException e) {
                budget.check(what, 2L * row.length());
                assertEquals("seg.csv:" + (i + 1), e.locator(), what);
                assertFalse(e.reason().isBlank(), what);
                errors++;
            } catch (RuntimeException | Error e) {
                fail(what + ": " + e, e);
            }
        }
        assertTrue(errors > CASES / 4 && errors < CASES, errors + " errors");
    }

    /** A good row of WIDTH samples and a 0/1 label. */
    private static String row(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < WIDTH; c++) {
            sb.append(String.format(Locale.ROOT, "%.6f", random.nextGaussian() * 2))
                    .append(',');
        }
        return sb.append(random.nextInt(2)).toString();
    }

    private static String mutate(String row, SplittableRandom random) {
        StringBuilder sb = new StringBuilder(row);
        switch (random.nextInt(5)) {
            case 0 -> sb.setLength(random.nextInt(row.length()));
            case 1 -> {
                for (int f = 1 + random.nextInt(3); f > 0; f--) {
                    sb.setCharAt(random.nextInt(sb.length()), (char) random.nextInt(32, 127));
                }
            }
            case 2 -> {
                String[] fields = row.split(",", -1);
                fields[random.nextInt(fields.length)] = ODD_FIELDS[random.nextInt(ODD_FIELDS.length)];
                return String.join(",", fields);
            }
            case 3 -> {
                int at = random.nextInt(sb.length());
                if (random.nextBoolean()) {
                    sb.insert(at, ',');
                } else {
                    sb.deleteCharAt(sb.lastIndexOf(","));
                }
            }
            default -> {
                // Unmutated rows keep the successful path under test.
            }
        }
        return sb.toString();
    }

    /** What a correct parse of {@code row} must return: every field parsed on its own by Float.parseFloat. */
    private static CsvSegment expectedValues(String row, int declared) {
        String[] fields = row.split(",", -1);
        assertTrue(declared == 0 || fields.length == declared + 1, "parsed a row of " + fields.length + " columns");
        float[] values = new float[fields.length - 1];
        for (int c = 0; c < values.length; c++) {
            values[c] = Float.parseFloat(fields[c].trim());
            assertTrue(Float.isFinite(values[c]), "accepted non-finite field " + fields[c]);
        }
        double label = Double.parseDouble(fields[fields.length - 1].trim());
        assertTrue(label == 0 || label == 1, "accepted label " + label);
        return new CsvSegment(0, values, (int) label);
    }

    private static void assertSameSegment(CsvSegment expected, CsvSegment actual, String what) {
        assertArrayEquals(expected.samples(), actual.samples(), what);
        assertEquals(expected.label(), actual.label(), what);
    }
}
