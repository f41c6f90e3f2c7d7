package org.ecgpeft.jobs.evaluate;

/**
 * One metric of an evaluation, as stored in {@code ecg_metrics}.
 *
 * @param split  the data split
 * @param level  {@code segment} or {@code record}
 * @param metric a {@link org.ecgpeft.eval.MetricReport#NAMES} name
 * @param value  its (finite) value
 */
public record MetricValue(String split, String level, String metric, double value) {
    /** Validates the value. */
    public MetricValue {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(metric + " of " + split + "/" + level + " must be finite, got " + value);
        }
    }
}
