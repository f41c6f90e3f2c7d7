package org.ecgpeft.train;

import org.ecgpeft.signal.EcgRecord;
import org.ecgpeft.signal.SyntheticEcgConfig;
import org.ecgpeft.signal.SyntheticEcgGenerator;
import org.ecgpeft.signal.ZScore;

/**
 * In-memory labelled segments (one lead each) at a common sampling rate, e.g. a split collected to the
 * Spark driver. Arrays are referenced, not copied.
 *
 * @param segments one float[] per segment, all of the same length
 * @param labels 0 (normal) or 1 (AF) per segment
 * @param sampleRateHz sampling rate of the segments
 */
public record SegmentDataset(float[][] segments, int[] labels, double sampleRateHz) {

    public SegmentDataset {
        if (segments == null || labels == null || segments.length != labels.length) {
            throw new IllegalArgumentException("segments and labels must be non-null and of equal length");
        }
        if (segments.length == 0) {
            throw new IllegalArgumentException("dataset is empty");
        }
        if (!(sampleRateHz > 0)) {
            throw new IllegalArgumentException("sampleRateHz must be positive, got " + sampleRateHz);
        }
        int length = segments[0].length;
        for (int i = 0; i < segments.length; i++) {
            if (segments[i] == null || segments[i].length != length) {
                throw new IllegalArgumentException("segment " + i + " has length "
                        + (segments[i] == null ? "null" : segments[i].length) + ", expected " + length);
            }
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + ", expected 0 or 1");
            }
        }
    }

    /**
     * {@code n} per-segment z-scored segments of {@code length} samples from the synthetic ECG generator, about
     * half AF (label 1): data for benchmarks and tests that need realistic rhythms without files.
     */
    public static SegmentDataset synthetic(int n, double sampleRateHz, int length, long seed) {
        SyntheticEcgGenerator generator =
                new SyntheticEcgGenerator(new SyntheticEcgConfig(n, sampleRateHz, length / sampleRateHz, 0.5, seed));
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            EcgRecord r = generator.generate(i);
            x[i] = ZScore.perSegment(r.signal());
            y[i] = r.label().equals("A") ? 1 : 0;
        }
        return new SegmentDataset(x, y, sampleRateHz);
    }

    public int size() {
        return labels.length;
    }

    /** Number of segments per label: {@code [n0, n1]}. */
    public int[] classCounts() {
        int[] counts = new int[2];
        for (int y : labels) {
            counts[y]++;
        }
        return counts;
    }
}
