package org.ecgpeft.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Metric values of one split and level, looked up by run id and metric name. */
final class MetricLookup {

    /** The metrics the comparison table and bar chart show, in that order. */
    static final List<String> HEADLINE = List.of("accuracy", "precision", "recall", "f1", "auroc", "auprc");

    private final Map<String, Map<String, Double>> byRun = new HashMap<>();

    MetricLookup(List<MetricRow> rows, String split, String level) {
        for (MetricRow row : rows) {
            if (row.split().equals(split) && row.level().equals(level)) {
                Double previous =
                        byRun.computeIfAbsent(row.runId(), k -> new HashMap<>()).put(row.metric(), row.value());
                if (previous != null) {
                    throw new IllegalArgumentException("report.metrics: two values for " + row.runId() + " " + split
                            + "/" + level + " " + row.metric());
                }
            }
        }
    }

    /** The value, or NaN when the run has no such metric. */
    double get(String runId, String metric) {
        return byRun.getOrDefault(runId, Map.of()).getOrDefault(metric, Double.NaN);
    }

    boolean has(String runId, String metric) {
        return !Double.isNaN(get(runId, metric));
    }
}
