package org.ecgpeft.jobs.evaluate;

/**
 * How runs are evaluated (shared by {@code evaluate} and {@code reevaluate}).
 *
 * @param batchSize  segments per model call on an executor
 * @param threshold  {@code prob >= threshold} predicts AF, for segments and for records' mean probability
 * @param partitions inference partitions; 0 uses the cluster's default parallelism
 * @param retry      how Delta write conflicts with concurrent evaluations are retried
 */
public record EvaluateSettings(int batchSize, double threshold, int partitions, ConflictRetry retry) {
    /** Validates the settings, naming the option at fault. */
    public EvaluateSettings {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("--batch-size must be > 0, got " + batchSize);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("--threshold must be in [0, 1], got " + threshold);
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("--partitions must be >= 0 (0: default parallelism), got " + partitions);
        }
        if (retry == null) {
            throw new IllegalArgumentException("retry settings must be given");
        }
    }
}
