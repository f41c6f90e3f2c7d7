package org.ecgpeft.jobs.evaluate;

/**
 * Validated settings of the reevaluate job.
 *
 * @param tablesRoot the Delta table root
 * @param all        evaluate every registered run, also those with metrics for the current data version
 * @param settings   inference and write settings
 */
public record ReevaluateConfig(String tablesRoot, boolean all, EvaluateSettings settings) {
    /** Validates the settings, naming the option at fault. */
    public ReevaluateConfig {
        if (tablesRoot == null || tablesRoot.isBlank()) {
            throw new IllegalArgumentException("--tables must name a table root");
        }
        if (settings == null) {
            throw new IllegalArgumentException("evaluation settings must be given");
        }
    }
}
