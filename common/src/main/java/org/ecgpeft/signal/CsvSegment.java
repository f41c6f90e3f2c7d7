package org.ecgpeft.signal;

/**
 * One row of a CSV segment file: the samples and the 0/1 label from the last column.
 *
 * @param lineNumber 1-based line number in the source file
 * @param samples    the signal values (array not copied)
 * @param label      0 (normal) or 1 (atrial fibrillation)
 */
public record CsvSegment(long lineNumber, float[] samples, int label) {

    /** The CinC-style label for this segment: 0 -> "N", 1 -> "A". */
    public String cincLabel() {
        return label == 1 ? "A" : "N";
    }
}
