package org.ecgpeft.report;

/**
 * One metric value ({@code ecg_metrics}).
 *
 * @param runId  run id
 * @param split  split evaluated, e.g. {@code test}
 * @param level  {@code segment} or {@code record}
 * @param metric metric name: {@code accuracy}, {@code precision}, {@code recall}, {@code f1}, {@code auroc}, {@code auprc}, ...
 * @param value  value, NaN when undefined
 */
public record MetricRow(String runId, String split, String level, String metric, double value) {

    public MetricRow {
        Require.text(runId, "metric.runId");
        String where = "metric[" + runId + "].";
        Require.text(split, where + "split");
        Require.text(level, where + "level");
        Require.text(metric, where + "metric");
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException(where + metric + " must be finite or NaN, got " + value);
        }
    }
}
