package org.ecgpeft.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AveragePrecisionTest {

    private static final double EPS = 1e-12;

    @Test
    void handComputedWithoutTies() {
        // scikit-learn's documentation example: scores 0.8 (pos: P 1, R 1/2), 0.4 (neg), 0.35 (pos: P 2/3, R 1),
        // 0.1 (neg): AP = 1/2 * 1 + 1/2 * 2/3 = 5/6 (average_precision_score gives 0.8333333333333333).
        assertEquals(
                5.0 / 6.0, AveragePrecision.compute(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8}), EPS);
    }

    @Test
    void tiedScoresFormOneThresholdWhateverTheirOrder() {
        // 0.9 (neg), 0.7 tied pos+neg (P 1/3, R 1/2), 0.3 (neg), 0.2 (pos: P 2/5, R 1): AP = 1/2 (1/3 + 2/5) = 11/30.
        // Counting the tied positive first would give 1/2 (1/2 + 2/5) = 9/20 instead.
        double ap = AveragePrecision.compute(new int[] {1, 0, 0, 1, 0}, new double[] {0.7, 0.7, 0.3, 0.2, 0.9});
        assertEquals(11.0 / 30.0, ap, EPS);
        assertEquals(
                ap, AveragePrecision.compute(new int[] {0, 1, 0, 1, 0}, new double[] {0.7, 0.7, 0.3, 0.2, 0.9}), EPS);
    }

    @Test
    void allScoresTiedGiveThePrevalence() {
        assertEquals(2.0 / 7.0, AveragePrecision.compute(new int[] {1, 0, 0, 1, 0, 0, 0}, new double[7]), EPS);
    }

    @Test
    void perfectRankingIsOneAndNegativeZeroTiesWithZero() {
        assertEquals(1.0, AveragePrecision.compute(new int[] {0, 1, 1, 0}, new double[] {-3, 5, 4, 2}), EPS);
        assertEquals(0.5, AveragePrecision.compute(new int[] {1, 0}, new double[] {-0.0, 0.0}), EPS);
    }

    @Test
    void matchesTheDefinitionOnRandomScoresWithTies() {
        Random random = new Random(7);
        int n = 500;
        int[] labels = new int[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextDouble() < 0.2 ? 1 : 0;
            scores[i] = Math.round((random.nextGaussian() + labels[i]) * 10) / 10.0;
        }
        assertEquals(bruteForce(labels, scores), AveragePrecision.compute(labels, scores), 1e-12);
    }

    @Test
    void singleClassIsNanAndBadInputIsNamed() {
        assertTrue(Double.isNaN(AveragePrecision.compute(new int[] {0, 0}, new double[] {0.2, 0.8})));
        assertTrue(Double.isNaN(AveragePrecision.compute(new int[] {1}, new double[] {0.2})));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> AveragePrecision.compute(new int[] {0, 1}, new double[] {0.1, Double.POSITIVE_INFINITY}));
        assertTrue(e.getMessage().contains("scores[1]"), e.getMessage());
    }

    /** sum over distinct thresholds t (descending) of (R(t) - R(previous t)) * P(t), counted in O(n^2). */
    private static double bruteForce(int[] labels, double[] scores) {
        double[] thresholds = Arrays.stream(scores).distinct().sorted().toArray();
        int positives = Arrays.stream(labels).sum();
        double ap = 0;
        double previousRecall = 0;
        for (int k = thresholds.length - 1; k >= 0; k--) {
            int tp = 0;
            int predicted = 0;
            for (int i = 0; i < labels.length; i++) {
                if (scores[i] >= thresholds[k]) {
                    predicted++;
                    tp += labels[i];
                }
            }
            double recall = (double) tp / positives;
            ap += (recall - previousRecall) * tp / predicted;
            previousRecall = recall;
        }
        return ap;
    }
}
