package org.ecgpeft.train.mscnn;

import java.util.List;
import java.util.SplittableRandom;
import org.ecgpeft.signal.ZScore;
import org.ecgpeft.train.SegmentDataset;
import org.ecgpeft.train.Trainer;

/**
 * Training rows for the {@link Trainer}: one window per record per epoch, cut at a uniformly random offset
 * that changes every epoch (so the network sees every part of long records over the run), zero-padded at the
 * end when the record is shorter than a window, then z-scored on its own ({@link ZScore#perSegment}, the
 * preprocess job's default), so training inputs look like the windows the features job will encode. The
 * offsets depend only on (seed, epoch, record position), so a run is reproducible.
 */
public final class RandomCrops implements Trainer.EpochData {

    private final List<AfRecord> records;
    private final int length;
    private final double sampleRateHz;
    private final long seed;
    private final int[] labels;

    public RandomCrops(List<AfRecord> records, int length, double sampleRateHz, long seed) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no training records to crop");
        }
        if (length < 1) {
            throw new IllegalArgumentException("crop length must be >= 1, got " + length);
        }
        this.records = List.copyOf(records);
        this.length = length;
        this.sampleRateHz = sampleRateHz;
        this.seed = seed;
        this.labels = this.records.stream().mapToInt(AfRecord::label).toArray();
    }

    @Override
    public SegmentDataset forEpoch(int epoch) {
        float[][] windows = new float[records.size()][];
        // Epochs are at least as far apart as there are records, so no two (epoch, record) pairs share a seed.
        long epochStride = Math.max(7_919L, records.size());
        for (int i = 0; i < records.size(); i++) {
            SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + epoch * epochStride + i);
            windows[i] = ZScore.perSegment(crop(records.get(i).signal(), length, rng));
        }
        return new SegmentDataset(windows, labels, sampleRateHz);
    }

    /** A copy of {@code length} samples at a random offset; a shorter signal is copied whole and zero-padded. */
    static float[] crop(float[] signal, int length, SplittableRandom rng) {
        float[] out = new float[length];
        if (signal.length <= length) {
            System.arraycopy(signal, 0, out, 0, signal.length);
            return out;
        }
        int start = rng.nextInt(signal.length - length + 1);
        System.arraycopy(signal, start, out, 0, length);
        return out;
    }
}
