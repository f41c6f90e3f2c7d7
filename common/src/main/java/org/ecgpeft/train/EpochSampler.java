package org.ecgpeft.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The order of training rows per epoch: a seeded shuffle, optionally with the minority class oversampled
 * (drawn with replacement) up to the majority's count. The order depends only on seed and epoch, so a
 * resumed run replays exactly the same batches.
 */
public final class EpochSampler {

    private final int[] labels;
    private final long seed;
    private final boolean oversample;

    public EpochSampler(int[] labels, long seed, boolean oversample) {
        this.labels = labels.clone();
        this.seed = seed;
        this.oversample = oversample;
    }

    /** Row indices for {@code epoch} (0-based). */
    public int[] order(int epoch) {
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + epoch);
        List<Integer> rows = new ArrayList<>();
        List<Integer> zeros = new ArrayList<>();
        List<Integer> ones = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            rows.add(i);
            (labels[i] == 1 ? ones : zeros).add(i);
        }
        if (oversample && !zeros.isEmpty() && !ones.isEmpty()) {
            List<Integer> minority = ones.size() < zeros.size() ? ones : zeros;
            int extra = Math.abs(zeros.size() - ones.size());
            for (int i = 0; i < extra; i++) {
                rows.add(minority.get(rng.nextInt(minority.size())));
            }
        }
        int[] out = rows.stream().mapToInt(Integer::intValue).toArray();
        for (int i = out.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    /** Rows per epoch (grows with oversampling). */
    public int epochSize() {
        int ones = 0;
        for (int y : labels) {
            ones += y;
        }
        int zeros = labels.length - ones;
        return oversample && ones > 0 && zeros > 0 ? 2 * Math.max(ones, zeros) : labels.length;
    }
}
