package org.ecgpeft.jobs.predict;

import java.util.Optional;
import org.ecgpeft.jobs.evaluate.EvaluateSettings;

/**
 * Validated settings of the predict job.
 *
 * @param tablesRoot the Delta table root
 * @param runId      the run to predict with; empty: the best run by {@code bestBy}
 * @param bestBy     metric that picks the best run (test split, record level, highest value on its latest data)
 * @param wfdb       a WFDB folder: its records without a label in REFERENCE.csv (all, when there is none)
 * @param csv        a segment CSV without a label column (one record per row)
 * @param csvRate    sample rate of the CSV rows
 * @param settings   inference and write settings
 */
public record PredictConfig(
        String tablesRoot,
        Optional<String> runId,
        String bestBy,
        Optional<String> wfdb,
        Optional<String> csv,
        double csvRate,
        EvaluateSettings settings) {
    /** Validates the settings, naming the option at fault. */
    public PredictConfig {
        if (tablesRoot == null || tablesRoot.isBlank()) {
            throw new IllegalArgumentException("--tables must name a table root");
        }
        if (wfdb.isEmpty() && csv.isEmpty()) {
            throw new IllegalArgumentException("predict needs records: --wfdb DIR and/or --csv FILE --no-label");
        }
        if (!(csvRate > 0)) {
            throw new IllegalArgumentException("--csv-rate must be > 0, got " + csvRate);
        }
        if (bestBy == null || bestBy.isBlank()) {
            throw new IllegalArgumentException("--best-by must name a metric");
        }
    }
}
