package org.ecgpeft.eval;

import java.util.List;

/**
 * Computes a {@link MetricReport} from labels (0/1), hard predictions (0/1) and, when available,
 * probabilities for class 1. See the package documentation for the shared conventions (positive class 1,
 * {@code p >= threshold} predicts 1, zero-division gives 0.0). Empty or non-binary input is rejected with an
 * {@link IllegalArgumentException} naming the argument and index.
 */
public final class BinaryMetrics {

    private BinaryMetrics() {}

    /**
     * Full report: confusion counts from {@code predictions}, AUROC and AUPRC from {@code probabilities}.
     * The predictions are taken as given (they need not come from the probabilities at any threshold).
     */
    public static MetricReport compute(int[] labels, int[] predictions, double[] probabilities) {
        BinaryInputs.requireBinary(labels, "labels");
        BinaryInputs.requireBinary(predictions, "predictions");
        BinaryInputs.requireSameLength(labels.length, predictions.length, "predictions");
        BinaryInputs.requireFinite(probabilities, "probabilities");
        BinaryInputs.requireSameLength(labels.length, probabilities.length, "probabilities");
        return report(
                labels,
                predictions,
                RocCurve.auroc(labels, probabilities),
                AveragePrecision.compute(labels, probabilities));
    }

    /** Report for predictions {@code probability >= threshold}, with the AUROC and AUPRC of the probabilities. */
    public static MetricReport atThreshold(int[] labels, double[] probabilities, double threshold) {
        BinaryInputs.requireThreshold(threshold);
        BinaryInputs.requireFinite(probabilities, "probabilities");
        int[] predictions = new int[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            predictions[i] = probabilities[i] >= threshold ? 1 : 0;
        }
        return compute(labels, predictions, probabilities);
    }

    /** Report from hard predictions only (e.g. parsed LLM answers): AUROC and AUPRC are NaN. */
    public static MetricReport fromPredictions(int[] labels, int[] predictions) {
        BinaryInputs.requireBinary(labels, "labels");
        BinaryInputs.requireBinary(predictions, "predictions");
        BinaryInputs.requireSameLength(labels.length, predictions.length, "predictions");
        return report(labels, predictions, Double.NaN, Double.NaN);
    }

    /**
     * Record-level report from {@link RecordAggregator} output: predictions as aggregated, AUROC and AUPRC of
     * the aggregated scores.
     */
    public static MetricReport forRecords(List<RecordPrediction> records) {
        if (records == null || records.isEmpty()) {
            throw new IllegalArgumentException("records must not be null or empty");
        }
        int[] labels = new int[records.size()];
        int[] predictions = new int[records.size()];
        double[] scores = new double[records.size()];
        for (int i = 0; i < labels.length; i++) {
            RecordPrediction record = records.get(i);
            labels[i] = record.label();
            predictions[i] = record.prediction();
            scores[i] = record.score();
        }
        return compute(labels, predictions, scores);
    }

    private static MetricReport report(int[] labels, int[] predictions, double auroc, double auprc) {
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 1) {
                if (predictions[i] == 1) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (predictions[i] == 1) {
                fp++;
            } else {
                tn++;
            }
        }
        return new MetricReport(tp, fp, tn, fn, auroc, auprc);
    }
}
