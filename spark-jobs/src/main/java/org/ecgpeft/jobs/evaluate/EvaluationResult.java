package org.ecgpeft.jobs.evaluate;

import java.util.List;

/**
 * What one run's evaluation wrote.
 *
 * @param runId       the run
 * @param dataVersion the tag its predictions and metrics carry ({@code ecg_segments@v<Delta version>})
 * @param segments    segments predicted
 * @param metrics     the metric values written
 */
public record EvaluationResult(String runId, String dataVersion, long segments, List<MetricValue> metrics) {
    /** Copies the metrics. */
    public EvaluationResult {
        metrics = List.copyOf(metrics);
    }

    /** The value of a metric, or NaN when it was not written. */
    public double value(String split, String level, String metric) {
        return metrics.stream()
                .filter(m -> m.split().equals(split)
                        && m.level().equals(level)
                        && m.metric().equals(metric))
                .mapToDouble(MetricValue::value)
                .findFirst()
                .orElse(Double.NaN);
    }
}
