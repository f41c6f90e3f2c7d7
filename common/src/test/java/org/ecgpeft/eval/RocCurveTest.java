package org.ecgpeft.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RocCurveTest {

    private static final double EPS = 1e-12;
    private static final int[] LABELS = {1, 1, 0, 0, 1, 0};
    private static final double[] PROBS = {0.9, 0.4, 0.4, 0.2, 0.7, 0.6};

    @Test
    void handComputedCurveWithTie() {
        // Descending distinct scores 0.9, 0.7, 0.6, 0.4 (one pos + one neg tied), 0.2; 3 pos, 3 neg.
        // sklearn roc_curve(drop_intermediate=False): fpr [0,0,0,1/3,2/3,1], tpr [0,1/3,2/3,2/3,1,1],
        // thresholds [inf,0.9,0.7,0.6,0.4,0.2].
        List<RocPoint> expected = List.of(
                new RocPoint(0.0, 0.0, Double.POSITIVE_INFINITY),
                new RocPoint(0.0, 1.0 / 3.0, 0.9),
                new RocPoint(0.0, 2.0 / 3.0, 0.7),
                new RocPoint(1.0 / 3.0, 2.0 / 3.0, 0.6),
                new RocPoint(2.0 / 3.0, 1.0, 0.4),
                new RocPoint(1.0, 1.0, 0.2));
        assertEquals(expected, RocCurve.points(LABELS, PROBS));
        assertEquals(5.0 / 6.0, trapezoid(RocCurve.points(LABELS, PROBS)), EPS);
    }

    @Test
    void allTiedScoresGiveHalfAndDiagonal() {
        int[] labels = {1, 0, 1, 0, 0};
        double[] scores = {0.5, 0.5, 0.5, 0.5, 0.5};
        assertEquals(0.5, RocCurve.auroc(labels, scores), EPS);
        assertEquals(
                List.of(new RocPoint(0, 0, Double.POSITIVE_INFINITY), new RocPoint(1, 1, 0.5)),
                RocCurve.points(labels, scores));
    }

    @Test
    void exactFractionWithSeveralTieGroups() {
        // pos {3,3,1}, neg {3,2,1,1}. Pairs: each 3-pos vs neg: 3 tie(0.5) + 2 + 1 + 1 = 3.5 -> 7;
        // 1-pos: vs 3 no, vs 2 no, vs 1,1 ties 0.5+0.5 = 1. Total 8 / 12 = 2/3.
        int[] labels = {1, 1, 1, 0, 0, 0, 0};
        double[] scores = {3, 3, 1, 3, 2, 1, 1};
        assertEquals(2.0 / 3.0, RocCurve.auroc(labels, scores), EPS);
        assertEquals(2.0 / 3.0, trapezoid(RocCurve.points(labels, scores)), EPS);
    }

    @Test
    void endpointsAndMonotonicityOnRandomScores() {
        Random random = new Random(20170);
        int n = 2_000;
        int[] labels = new int[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextDouble() < 0.3 ? 1 : 0;
            // rounded to force many ties; shifted up for positives so the AUROC is well above 0.5
            scores[i] = Math.round((random.nextDouble() + 0.4 * labels[i]) * 20) / 20.0;
        }
        List<RocPoint> points = RocCurve.points(labels, scores);
        assertEquals(new RocPoint(0, 0, Double.POSITIVE_INFINITY), points.get(0));
        RocPoint last = points.get(points.size() - 1);
        assertEquals(1.0, last.fpr());
        assertEquals(1.0, last.tpr());
        for (int k = 1; k < points.size(); k++) {
            assertTrue(points.get(k).threshold() < points.get(k - 1).threshold());
            assertTrue(points.get(k).fpr() >= points.get(k - 1).fpr());
            assertTrue(points.get(k).tpr() >= points.get(k - 1).tpr());
        }
        double auroc = RocCurve.auroc(labels, scores);
        assertEquals(bruteForceAuroc(labels, scores), auroc, 1e-12);
        assertEquals(auroc, trapezoid(points), 1e-12);
        assertTrue(auroc > 0.7, "shifted positives should rank higher, got " + auroc);
    }

    @Test
    void singleClassGivesNanAndEmptyCurve() {
        assertTrue(Double.isNaN(RocCurve.auroc(new int[] {1, 1}, new double[] {0.2, 0.8})));
        assertTrue(Double.isNaN(RocCurve.auroc(new int[] {0}, new double[] {0.2})));
        assertEquals(List.of(), RocCurve.points(new int[] {0, 0}, new double[] {0.2, 0.8}));
    }

    @Test
    void negativeZeroTiesWithZero() {
        assertEquals(0.5, RocCurve.auroc(new int[] {1, 0}, new double[] {-0.0, 0.0}), EPS);
        assertEquals(
                2, RocCurve.points(new int[] {1, 0}, new double[] {-0.0, 0.0}).size());
    }

    private static double bruteForceAuroc(int[] labels, double[] scores) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 1) {
                continue;
            }
            for (int j = 0; j < labels.length; j++) {
                if (labels[j] != 0) {
                    continue;
                }
                pairs++;
                if (scores[i] > scores[j]) {
                    wins += 1.0;
                } else if (scores[i] == scores[j]) {
                    wins += 0.5;
                }
            }
        }
        return wins / pairs;
    }

    private static double trapezoid(List<RocPoint> points) {
        double area = 0;
        for (int k = 1; k < points.size(); k++) {
            RocPoint a = points.get(k - 1);
            RocPoint b = points.get(k);
            area += (b.fpr() - a.fpr()) * (a.tpr() + b.tpr()) / 2.0;
        }
        return area;
    }
}
