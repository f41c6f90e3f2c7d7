package org.ecgpeft.jobs.evaluate;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ecgpeft.lake.runs.RunRegistry;

/**
 * One run's scores on its windows, ready to write.
 *
 * @param predictions  {@code ecg_predictions} rows (may be persisted; the evaluator unpersists them)
 * @param metrics      the {@code ecg_metrics} values, per split and for {@link RunRegistry#NEW_SINCE_TRAINING}
 * @param recordLevel  the level of the record metrics the log reports ({@code record}, or {@code llm-record})
 * @param windows      windows scored
 * @param newWindows   of them, windows of records new since training
 * @param newRecords   records new since training
 */
record RunScores(
        Dataset<Row> predictions,
        List<MetricValue> metrics,
        String recordLevel,
        long windows,
        long newWindows,
        long newRecords) {
    RunScores {
        metrics = List.copyOf(metrics);
    }
}
