package org.ecgpeft.jobs.evaluate;

import java.util.List;

/**
 * Validated settings of the evaluate job.
 *
 * @param tablesRoot the Delta table root
 * @param runIds     the runs to evaluate; empty: every run in {@code ecg_models}
 * @param settings   inference and write settings
 * @param data       the records scored: the current ones (default) or those the run trained on
 */
public record EvaluateConfig(String tablesRoot, List<String> runIds, EvaluateSettings settings, EvaluationData data) {
    /** Scores the current records. */
    public EvaluateConfig(String tablesRoot, List<String> runIds, EvaluateSettings settings) {
        this(tablesRoot, runIds, settings, EvaluationData.CURRENT);
    }

    /** Validates the settings, naming the option at fault. */
    public EvaluateConfig {
        if (tablesRoot == null || tablesRoot.isBlank()) {
            throw new IllegalArgumentException("--tables must name a table root");
        }
        runIds = List.copyOf(runIds);
        for (String id : runIds) {
            if (id.isBlank()) {
                throw new IllegalArgumentException("--run-id must not be blank");
            }
        }
        if (settings == null) {
            throw new IllegalArgumentException("evaluation settings must be given");
        }
        if (data == null) {
            throw new IllegalArgumentException("--data must be current or training");
        }
    }
}
