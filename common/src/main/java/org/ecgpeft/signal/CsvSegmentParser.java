package org.ecgpeft.signal;

/**
 * Parser for CSV segment rows: {@code N} numeric samples followed by a 0/1 label in the last column
 * (like the course data set {@code df_segment2.csv}, 600 samples + label per row). A hand-written
 * scanner with an allocation-free number parser keeps the 65,425 x 601 file fast; no regex or split.
 *
 * <p>Rows with the wrong width, a non-numeric, NaN or infinite value, or a label other than 0/1
 * fail with an {@link EcgFormatException} whose locator names the line and whose reason names the
 * column. With {@code expectedSamples <= 0} the width is taken from the first row that parses; that
 * makes an instance stateful, so use one instance per thread (one per Spark partition).
 */
public final class CsvSegmentParser {

    private final String source;
    private int samples;

    /** Parser whose error locators read {@code line N}. */
    public CsvSegmentParser(int expectedSamples) {
        this(null, expectedSamples);
    }

    /**
     * Parser whose error locators read {@code source:N}.
     *
     * @param expectedSamples samples per row (e.g. 600), or {@code <= 0} to infer from the first data row
     */
    public CsvSegmentParser(String source, int expectedSamples) {
        this.source = source;
        this.samples = Math.max(expectedSamples, 0);
    }

    /** Samples per row: the configured width, the inferred one, or 0 before inference. */
    public int expectedSamples() {
        return samples;
    }

    /**
     * True when {@code line} is a column-name header: every field is either text that is not a
     * number, or an integer equal to its 0- or 1-based column position (pandas' default names).
     * Meant for the first line of a file only; a data row with a stray bad value is NOT a header
     * (it has real numbers in it), so it is rejected by {@link #parse} instead of being skipped.
     */
    public boolean isHeader(String line) {
        int end = trimmedEnd(line);
        if (end == 0) {
            return false;
        }
        int column = 0;
        int start = 0;
        while (start <= end) {
            int comma = indexOfComma(line, start, end);
            int a = skipBlanks(line, start, comma);
            int b = trimBlanks(line, a, comma);
            double v = DecimalScanner.parse(line, a, b);
            if (Double.isNaN(v)) {
                if (b == a || isNonFiniteWord(line, a, b)) {
                    return false;
                }
            } else if (v != column && v != column + 1) {
                return false;
            }
            column++;
            start = comma + 1;
        }
        return true;
    }

    /** Parses one data row; {@code lineNumber} (1-based) is carried into the segment and any error. */
    public CsvSegment parse(String line, long lineNumber) throws EcgFormatException {
        int end = trimmedEnd(line);
        if (end == 0 || skipBlanks(line, 0, end) == end) {
            throw error(lineNumber, "empty line");
        }
        int width = samples > 0 ? samples : countColumns(line, end) - 1;
        if (width < 1) {
            throw error(lineNumber, "expected samples and a label, found 1 column");
        }
        try {
            CsvSegment segment = parseFields(line, end, width, lineNumber);
            samples = width;
            return segment;
        } catch (EcgFormatException | RuntimeException e) {
            // A wrong column count is the reason whatever else is wrong: the fields are not where they belong.
            int columns = countColumns(line, end);
            if (columns != width + 1) {
                throw error(
                        lineNumber,
                        "expected " + (width + 1) + " columns (" + width + " samples and a label), found " + columns);
            }
            throw e;
        }
    }

    /** The happy path: no separate pass counts the commas; a row of the wrong width fails on the way. */
    private CsvSegment parseFields(String line, int end, int width, long lineNumber) throws EcgFormatException {
        if (end <= width) {
            // Shorter than width commas and a label: fail before allocating for the samples.
            throw error(lineNumber, "too few columns");
        }
        float[] values = new float[width];
        int start = 0;
        for (int col = 0; col < width; col++) {
            int comma = line.indexOf(',', start);
            if (comma < 0 || comma >= end) {
                throw error(lineNumber, "too few columns");
            }
            values[col] = sample(line, start, comma, col, lineNumber);
            if (!Float.isFinite(values[col])) {
                throw error(
                        lineNumber,
                        "value '" + field(line, start, comma) + "' in column " + (col + 1) + " overflows a float");
            }
            start = comma + 1;
        }
        double label = number(line, start, end, width, lineNumber);
        if (label != 0 && label != 1) {
            throw error(
                    lineNumber,
                    "label must be 0 or 1, found '" + field(line, start, end) + "' (column " + (width + 1) + ")");
        }
        return new CsvSegment(lineNumber, values, (int) label);
    }

    private double number(String line, int from, int to, int col, long lineNumber) throws EcgFormatException {
        int a = skipBlanks(line, from, to);
        int b = trimBlanks(line, a, to);
        double v = DecimalScanner.parse(line, a, b);
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw badNumber(line, a, b, Double.isInfinite(v), col, lineNumber);
        }
        return v;
    }

    /** A sample: exactly the float {@link Float#parseFloat} reads from the field (no rounding via double). */
    private float sample(String line, int from, int to, int col, long lineNumber) throws EcgFormatException {
        int a = skipBlanks(line, from, to);
        int b = trimBlanks(line, a, to);
        float v = DecimalScanner.parseFloat(line, a, b);
        if (Float.isNaN(v)) {
            throw badNumber(line, a, b, false, col, lineNumber);
        }
        // Past the double range the text itself is non-finite; within it, the caller reports a float overflow.
        if (Float.isInfinite(v) && Double.isInfinite(DecimalScanner.parse(line, a, b))) {
            throw badNumber(line, a, b, true, col, lineNumber);
        }
        return v;
    }

    private EcgFormatException badNumber(String line, int a, int b, boolean infinite, int col, long lineNumber) {
        if (a == b) {
            return error(lineNumber, "empty value in column " + (col + 1));
        }
        return error(
                lineNumber,
                (isNonFiniteWord(line, a, b) || infinite ? "non-finite value '" : "non-numeric value '")
                        + line.substring(a, b) + "' in column " + (col + 1));
    }

    private EcgFormatException error(long lineNumber, String reason) {
        return new EcgFormatException(source == null ? "line " + lineNumber : source + ":" + lineNumber, reason);
    }

    private static boolean isNonFiniteWord(String s, int a, int b) {
        if (a < b && (s.charAt(a) == '-' || s.charAt(a) == '+')) {
            a++;
        }
        String w = s.substring(a, b);
        return w.equalsIgnoreCase("nan") || w.equalsIgnoreCase("inf") || w.equalsIgnoreCase("infinity");
    }

    private static String field(String line, int from, int to) {
        return line.substring(skipBlanks(line, from, to), trimBlanks(line, skipBlanks(line, from, to), to));
    }

    /** Line length without a trailing CR / LF. */
    private static int trimmedEnd(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == '\n')) {
            end--;
        }
        return end;
    }

    private static int countColumns(String line, int end) {
        int columns = 1;
        for (int i = 0; i < end; i++) {
            if (line.charAt(i) == ',') {
                columns++;
            }
        }
        return columns;
    }

    private static int indexOfComma(String line, int from, int end) {
        int comma = line.indexOf(',', from);
        return comma < 0 || comma > end ? end : comma;
    }

    private static int skipBlanks(String s, int from, int to) {
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        return from;
    }

    private static int trimBlanks(String s, int from, int to) {
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return to;
    }
}
