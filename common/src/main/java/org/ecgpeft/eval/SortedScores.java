package org.ecgpeft.eval;

import java.util.Arrays;

/**
 * Scores split by label and sorted ascending, the common input of the ranking metrics ({@link RocCurve},
 * {@link AveragePrecision}); -0.0 is folded into 0.0 so equal scores are adjacent.
 */
final class SortedScores {

    final double[] positives;
    final double[] negatives;

    private SortedScores(double[] positives, double[] negatives) {
        this.positives = positives;
        this.negatives = negatives;
    }

    /** Validates labels (0/1) and scores (finite, same length), then splits and sorts them. */
    static SortedScores of(int[] labels, double[] scores) {
        BinaryInputs.requireBinary(labels, "labels");
        BinaryInputs.requireFinite(scores, "scores");
        BinaryInputs.requireSameLength(labels.length, scores.length, "scores");
        int nPos = 0;
        for (int label : labels) {
            nPos += label;
        }
        double[] pos = new double[nPos];
        double[] neg = new double[labels.length - nPos];
        int p = 0;
        int q = 0;
        for (int k = 0; k < labels.length; k++) {
            double score = scores[k] + 0.0;
            if (labels[k] == 1) {
                pos[p++] = score;
            } else {
                neg[q++] = score;
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        return new SortedScores(pos, neg);
    }

    boolean singleClass() {
        return positives.length == 0 || negatives.length == 0;
    }

    /** The smaller of the next unread scores when walking both arrays upwards from {@code i} and {@code j}. */
    static double nextAscending(double[] pos, int i, double[] neg, int j) {
        if (i >= pos.length) {
            return neg[j];
        }
        if (j >= neg.length) {
            return pos[i];
        }
        return Math.min(pos[i], neg[j]);
    }

    /** The larger of the next unread scores when walking both arrays downwards from {@code i} and {@code j}. */
    static double nextDescending(double[] pos, int i, double[] neg, int j) {
        if (i < 0) {
            return neg[j];
        }
        if (j < 0) {
            return pos[i];
        }
        return Math.max(pos[i], neg[j]);
    }
}
