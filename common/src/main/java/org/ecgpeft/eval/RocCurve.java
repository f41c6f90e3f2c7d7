package org.ecgpeft.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Ranking metrics over scores: the exact AUROC and the ROC curve. Scores may be probabilities or any other
 * finite values where larger means "more likely atrial fibrillation".
 *
 * <p>Both work on the positives' and negatives' scores sorted separately ({@link SortedScores}, O(n log n)),
 * so they stay fast on the ~65k-segment evaluation sets. {@link AveragePrecision} is the precision-recall
 * counterpart.
 *
 * <p>Single-class labels (no positives or no negatives): the AUROC is undefined and returned as NaN
 * (scikit-learn raises instead), and the curve is empty; callers store/plot nothing for it.
 */
public final class RocCurve {

    private RocCurve() {}

    /**
     * Exact, tie-aware AUROC via the Mann-Whitney U statistic with average ranks:
     * AUROC = (R+ - n+(n+ + 1)/2) / (n+ n-), where R+ is the sum of the positives' ranks among all scores and
     * tied scores share their average rank. This equals the probability that a random positive scores above
     * a random negative, ties counting one half, and equals the trapezoidal area under {@link #points}. The
     * rank sum is kept doubled in integer arithmetic so ties introduce no rounding.
     *
     * @return the AUROC in [0, 1], or NaN when the labels hold a single class
     */
    public static double auroc(int[] labels, double[] scores) {
        SortedScores sorted = SortedScores.of(labels, scores);
        if (sorted.singleClass()) {
            return Double.NaN;
        }
        double[] pos = sorted.positives;
        double[] neg = sorted.negatives;
        long twiceRankSum = 0;
        long ranked = 0;
        int i = 0;
        int j = 0;
        while (i < pos.length || j < neg.length) {
            double value = SortedScores.nextAscending(pos, i, neg, j);
            int groupPos = 0;
            while (i < pos.length && pos[i] == value) {
                i++;
                groupPos++;
            }
            int groupNeg = 0;
            while (j < neg.length && neg[j] == value) {
                j++;
                groupNeg++;
            }
            long groupSize = groupPos + groupNeg;
            // the group holds ranks ranked+1 .. ranked+groupSize; twice their average is the sum of the ends
            twiceRankSum += groupPos * (2 * ranked + groupSize + 1);
            ranked += groupSize;
        }
        long nPos = pos.length;
        long nNeg = neg.length;
        long twiceU = twiceRankSum - nPos * (nPos + 1);
        return twiceU / (2.0 * nPos * nNeg);
    }

    /**
     * ROC curve with one point per distinct score, from (0, 0) at threshold +Infinity down to (1, 1) at the
     * smallest score, thresholds strictly decreasing. Unlike scikit-learn's default
     * ({@code drop_intermediate=True}) collinear points are kept, so every threshold can be looked up.
     *
     * @return unmodifiable list of points, or an empty list when the labels hold a single class
     */
    public static List<RocPoint> points(int[] labels, double[] scores) {
        SortedScores sorted = SortedScores.of(labels, scores);
        if (sorted.singleClass()) {
            return List.of();
        }
        double[] pos = sorted.positives;
        double[] neg = sorted.negatives;
        double nPos = pos.length;
        double nNeg = neg.length;
        List<RocPoint> points = new ArrayList<>();
        points.add(new RocPoint(0.0, 0.0, Double.POSITIVE_INFINITY));
        int i = pos.length - 1;
        int j = neg.length - 1;
        long tp = 0;
        long fp = 0;
        while (i >= 0 || j >= 0) {
            double value = SortedScores.nextDescending(pos, i, neg, j);
            while (i >= 0 && pos[i] == value) {
                i--;
                tp++;
            }
            while (j >= 0 && neg[j] == value) {
                j--;
                fp++;
            }
            points.add(new RocPoint(fp / nNeg, tp / nPos, value));
        }
        return Collections.unmodifiableList(points);
    }
}
