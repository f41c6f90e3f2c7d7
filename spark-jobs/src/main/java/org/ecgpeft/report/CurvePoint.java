package org.ecgpeft.report;

/**
 * One point of a training curve ({@code ecg_training_curves}).
 *
 * @param runId  run id
 * @param epoch  epoch (0-based)
 * @param step   optimizer step at which the point was logged (the curves' x axis)
 * @param split  {@code train} or {@code validation}
 * @param loss   loss at that point, NaN when not logged
 * @param metric name of the tracked metric, e.g. {@code f1}
 * @param value  value of that metric, NaN when not logged
 */
public record CurvePoint(String runId, int epoch, long step, String split, double loss, String metric, double value) {

    public CurvePoint {
        Require.text(runId, "curve.runId");
        String where = "curve[" + runId + ", step " + step + "].";
        Require.nonNegative(epoch, where + "epoch");
        Require.nonNegative(step, where + "step");
        Require.text(split, where + "split");
        if (Double.isInfinite(loss)) {
            throw new IllegalArgumentException(where + "loss must be finite or NaN, got " + loss);
        }
        Require.text(metric, where + "metric");
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException(where + "value must be finite or NaN, got " + value);
        }
    }
}
