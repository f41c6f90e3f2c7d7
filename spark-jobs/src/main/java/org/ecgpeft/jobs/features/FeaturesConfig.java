package org.ecgpeft.jobs.features;

import java.util.Optional;

/**
 * Validated settings of the features job.
 *
 * @param tablesRoot  the Delta table root
 * @param encoderRun  {@code ecg_models} run id of the MS-CNN (empty: the newest mscnn run)
 * @param dataVersion segments to encode (empty: the data version the encoder was trained on)
 * @param batchSize   windows per inference batch on the executors
 * @param partitions  partitions to spread the windows over (0: as read)
 */
public record FeaturesConfig(
        String tablesRoot, Optional<String> encoderRun, Optional<String> dataVersion, int batchSize, int partitions) {
    /** Validates the settings, naming the option at fault. */
    public FeaturesConfig {
        if (tablesRoot == null || tablesRoot.isBlank()) {
            throw new IllegalArgumentException("--tables must name a table root");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("--batch-size must be > 0, got " + batchSize);
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("--partitions must be >= 0, got " + partitions);
        }
    }
}
