package org.ecgpeft.eval;

/**
 * Area under the precision-recall curve as average precision, scikit-learn's {@code average_precision_score}:
 * AP = sum over thresholds n of (R_n - R_{n-1}) P_n, one threshold per distinct score from the highest down,
 * R_0 = 0. It is a step sum, not a trapezoid: linear interpolation between PR points overstates the area.
 * Tied scores form one threshold, so the order of tied samples does not matter. With atrial fibrillation the
 * minority class, AP shows what the AUROC hides: how many false alarms come with each caught AF.
 *
 * <p>Single-class labels: undefined and returned as NaN, like {@link RocCurve#auroc}, so callers store
 * nothing for it.
 */
public final class AveragePrecision {

    private AveragePrecision() {}

    /**
     * The average precision of {@code scores} (larger means more likely class 1) for {@code labels}.
     *
     * @return AP in [0, 1], or NaN when the labels hold a single class
     */
    public static double compute(int[] labels, double[] scores) {
        SortedScores sorted = SortedScores.of(labels, scores);
        if (sorted.singleClass()) {
            return Double.NaN;
        }
        double[] pos = sorted.positives;
        double[] neg = sorted.negatives;
        int i = pos.length - 1;
        int j = neg.length - 1;
        long tp = 0;
        long fp = 0;
        // Sum of (new true positives) x precision; dividing by n+ once at the end turns counts into recall steps.
        double weighted = 0;
        while (i >= 0 || j >= 0) {
            double value = SortedScores.nextDescending(pos, i, neg, j);
            long newTp = 0;
            while (i >= 0 && pos[i] == value) {
                i--;
                newTp++;
            }
            while (j >= 0 && neg[j] == value) {
                j--;
                fp++;
            }
            tp += newTp;
            if (newTp > 0) {
                weighted += newTp * ((double) tp / (tp + fp));
            }
        }
        return weighted / pos.length;
    }
}
