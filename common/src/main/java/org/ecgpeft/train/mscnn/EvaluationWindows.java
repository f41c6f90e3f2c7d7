package org.ecgpeft.train.mscnn;

import java.util.ArrayList;
import java.util.List;
import org.ecgpeft.signal.ZScore;
import org.ecgpeft.train.SegmentDataset;

/**
 * Several windows per record for evaluation: starts at 0, stride, 2 x stride, ... while a whole window fits,
 * plus one window flush with the record's end when the last one stops short of it, so every sample is seen
 * and no window is padded; a record shorter than one window gives one zero-padded window. Each window is
 * z-scored on its own, as in training ({@link RandomCrops}).
 *
 * @param data the windows with their records' labels
 * @param recordIds the record of each window, for record-level aggregation
 */
public record EvaluationWindows(SegmentDataset data, String[] recordIds) {

    public EvaluationWindows {
        if (recordIds.length != data.size()) {
            throw new IllegalArgumentException(recordIds.length + " record ids for " + data.size() + " windows");
        }
    }

    /** The windows of {@code records}, record by record. */
    public static EvaluationWindows of(List<AfRecord> records, int length, int stride, double sampleRateHz) {
        if (length < 1 || stride < 1) {
            throw new IllegalArgumentException("window length and stride must be >= 1, got " + length + ", " + stride);
        }
        List<float[]> windows = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (AfRecord r : records) {
            for (int start : starts(r.signal().length, length, stride)) {
                float[] w = new float[length];
                System.arraycopy(r.signal(), start, w, 0, Math.min(length, r.signal().length - start));
                windows.add(ZScore.perSegment(w));
                ids.add(r.recordId());
                labels.add(r.label());
            }
        }
        return new EvaluationWindows(
                new SegmentDataset(
                        windows.toArray(float[][]::new),
                        labels.stream().mapToInt(Integer::intValue).toArray(),
                        sampleRateHz),
                ids.toArray(String[]::new));
    }

    /** Window starts for a record of {@code n} samples (see the class comment). */
    static int[] starts(int n, int length, int stride) {
        if (n <= length) {
            return new int[] {0};
        }
        List<Integer> starts = new ArrayList<>();
        int s = 0;
        for (; s + length <= n; s += stride) {
            starts.add(s);
        }
        if (starts.get(starts.size() - 1) + length < n) {
            starts.add(n - length);
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    public int size() {
        return data.size();
    }
}
