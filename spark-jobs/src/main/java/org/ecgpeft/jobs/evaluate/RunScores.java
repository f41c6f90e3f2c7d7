package org.ecgpeft.jobs.evaluate;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One run's scores on its windows, ready to write.
 *
 * @param predictions  {@code ecg_predictions} rows (may be persisted; the evaluator unpersists them)
 * @param metrics      the {@code ecg_metrics} values, per split and for {@link RunEvaluator#NEW_GROUP}
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
