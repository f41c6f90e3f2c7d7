package org.ecgpeft.jobs.bench;

import java.util.Optional;

/**
 * Settings of {@code bench-model}.
 *
 * @param tablesRoot the lake whose MS-CNN run is measured (segments, records and the run in {@code ecg_models})
 * @param runId      the MS-CNN run (default: the newest)
 * @param batchSize  windows per inference batch, for the jobs and the plain loop alike
 * @param json       print the figures as one JSON object
 */
public record ModelBenchConfig(String tablesRoot, Optional<String> runId, int batchSize, boolean json) {
    /** Validates the settings, naming the option at fault. */
    public ModelBenchConfig {
        if (tablesRoot == null || tablesRoot.isBlank()) {
            throw new IllegalArgumentException("--tables must name a table root");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("--batch-size must be positive, got " + batchSize);
        }
    }
}
