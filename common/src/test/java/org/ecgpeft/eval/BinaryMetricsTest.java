package org.ecgpeft.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    private static final double EPS = 1e-12;

    // labels [1,1,0,0,1,0]; positives score {0.9, 0.4, 0.7}, negatives {0.4, 0.2, 0.6}.
    // Ranks: 0.2->1, 0.4/0.4->2.5 each (tie), 0.6->4, 0.7->5, 0.9->6. R+ = 2.5 + 5 + 6 = 13.5,
    // U = 13.5 - 3*4/2 = 7.5, AUROC = 7.5 / 9 = 5/6. sklearn.metrics.roc_auc_score gives 0.8333333333333334.
    // AUPRC, thresholds from the top: 0.9 (P 1/1, R 1/3), 0.7 (P 2/2, R 2/3), 0.6 (P 2/3, R 2/3), 0.4 tied
    // pos+neg (P 3/5, R 1), 0.2: AP = 1/3 * 1 + 1/3 * 1 + 1/3 * 3/5 = 13/15.
    private static final int[] LABELS = {1, 1, 0, 0, 1, 0};
    private static final double[] PROBS = {0.9, 0.4, 0.4, 0.2, 0.7, 0.6};

    @Test
    void handComputedReportAtThresholdWithTie() {
        // threshold 0.4 (>=): preds [1,1,1,0,1,1] -> tp=3, fp=2, tn=1, fn=0.
        MetricReport r = BinaryMetrics.atThreshold(LABELS, PROBS, 0.4);
        assertEquals(3, r.tp());
        assertEquals(2, r.fp());
        assertEquals(1, r.tn());
        assertEquals(0, r.fn());
        assertEquals(6, r.n());
        // sklearn: accuracy_score 0.6666666666666666, precision_score 0.6, recall_score 1.0, f1_score 0.75,
        // f1_score(pos_label=0) 0.5, precision(pos_label=0) 1.0, recall(pos_label=0) 0.3333333333333333,
        // f1_score(average="macro") 0.625.
        assertEquals(4.0 / 6.0, r.accuracy(), EPS);
        assertEquals(0.6, r.precision(), EPS);
        assertEquals(1.0, r.recall(), EPS);
        assertEquals(0.75, r.f1(), EPS);
        assertEquals(1.0 / 3.0, r.specificity(), EPS);
        assertEquals(1.0, r.precision0(), EPS);
        assertEquals(1.0 / 3.0, r.recall0(), EPS);
        assertEquals(0.5, r.f10(), EPS);
        assertEquals(0.625, r.macroF1(), EPS);
        assertEquals(5.0 / 6.0, r.auroc(), EPS);
        assertEquals(13.0 / 15.0, r.auprc(), EPS);
    }

    @Test
    void givenPredictionsAreUsedAsIs() {
        // preds [0,1,0,0,1,1]: tp=2 (idx 1,4), fn=1 (idx 0), fp=1 (idx 5), tn=2.
        // precision 2/3, recall 2/3, f1 4/6; class 0: precision 2/3, recall 2/3. AUROC still from PROBS.
        MetricReport r = BinaryMetrics.compute(LABELS, new int[] {0, 1, 0, 0, 1, 1}, PROBS);
        assertEquals(new MetricReport(2, 1, 2, 1, r.auroc(), r.auprc()), r);
        assertEquals(2.0 / 3.0, r.f1(), EPS);
        assertEquals(2.0 / 3.0, r.f10(), EPS);
        assertEquals(5.0 / 6.0, r.auroc(), EPS);
    }

    @Test
    void unbalancedCaseMatchesSklearnNumbers() {
        // labels [1,0,0,0,0,1,0,0], preds [1,1,0,0,0,0,0,1] -> tp=1, fp=2, tn=4, fn=1.
        // sklearn: accuracy 0.625, precision 1/3, recall 0.5, f1 0.4, f1(pos_label=0) = 8/11 = 0.7272727,
        // macro 0.5636363636363636, precision(pos_label=0) 0.8, recall(pos_label=0) 4/6.
        MetricReport r =
                BinaryMetrics.fromPredictions(new int[] {1, 0, 0, 0, 0, 1, 0, 0}, new int[] {1, 1, 0, 0, 0, 0, 0, 1});
        assertEquals(0.625, r.accuracy(), EPS);
        assertEquals(1.0 / 3.0, r.precision(), EPS);
        assertEquals(0.5, r.recall(), EPS);
        assertEquals(0.4, r.f1(), EPS);
        assertEquals(8.0 / 11.0, r.f10(), EPS);
        assertEquals(0.5636363636363636, r.macroF1(), EPS);
        assertEquals(0.8, r.precision0(), EPS);
        assertEquals(4.0 / 6.0, r.recall0(), EPS);
        assertTrue(Double.isNaN(r.auroc()), "no probabilities -> AUROC NaN");
        assertTrue(Double.isNaN(r.auprc()), "no probabilities -> AUPRC NaN");
    }

    @Test
    void perfectAndInverseClassifiers() {
        int[] labels = {0, 0, 1, 1, 0, 1};
        double[] probs = {0.1, 0.2, 0.8, 0.9, 0.3, 0.7};
        MetricReport perfect = BinaryMetrics.atThreshold(labels, probs, 0.5);
        assertEquals(new MetricReport(3, 0, 3, 0, 1.0, 1.0), perfect);
        assertEquals(1.0, perfect.macroF1(), EPS);

        double[] inverted = new double[probs.length];
        for (int i = 0; i < probs.length; i++) {
            inverted[i] = 1.0 - probs[i];
        }
        MetricReport inverse = BinaryMetrics.atThreshold(labels, inverted, 0.5);
        assertEquals(new MetricReport(0, 3, 0, 3, 0.0, inverse.auprc()), inverse);
        // The three negatives rank first: positives are found at precisions 1/4, 2/5, 3/6.
        assertEquals((1.0 / 4 + 2.0 / 5 + 3.0 / 6) / 3, inverse.auprc(), EPS);
        assertEquals(0.0, inverse.accuracy(), EPS);
        assertEquals(0.0, inverse.f1(), EPS);
        assertEquals(0.0, inverse.macroF1(), EPS);
    }

    @Test
    void allOneClassGivesNanAurocAndZeroDivisionZeros() {
        // All positive, all predicted positive: class-0 ratios have zero denominators -> 0.0.
        // macro F1 over both classes = (1 + 0) / 2 (sklearn with labels=[0, 1]).
        MetricReport allPos = BinaryMetrics.atThreshold(new int[] {1, 1, 1}, new double[] {0.9, 0.8, 0.7}, 0.5);
        assertEquals(3, allPos.tp());
        assertEquals(1.0, allPos.f1(), EPS);
        assertEquals(0.0, allPos.precision0(), EPS);
        assertEquals(0.0, allPos.recall0(), EPS);
        assertEquals(0.0, allPos.specificity(), EPS);
        assertEquals(0.5, allPos.macroF1(), EPS);
        assertTrue(Double.isNaN(allPos.auroc()));
        assertTrue(Double.isNaN(allPos.auprc()));

        // All negative, all predicted negative: precision/recall/F1 of class 1 are 0/0 -> 0.0.
        MetricReport allNeg = BinaryMetrics.atThreshold(new int[] {0, 0}, new double[] {0.1, 0.2}, 0.5);
        assertEquals(2, allNeg.tn());
        assertEquals(1.0, allNeg.accuracy(), EPS);
        assertEquals(0.0, allNeg.precision(), EPS);
        assertEquals(0.0, allNeg.recall(), EPS);
        assertEquals(0.0, allNeg.f1(), EPS);
        assertEquals(1.0, allNeg.specificity(), EPS);
        assertTrue(Double.isNaN(allNeg.auroc()));
        assertTrue(Double.isNaN(allNeg.auprc()));
    }

    @Test
    void asMapHasStableNamesOrderAndValues() {
        MetricReport r = BinaryMetrics.atThreshold(LABELS, PROBS, 0.4);
        Map<String, Double> map = r.asMap();
        assertEquals(MetricReport.NAMES, List.copyOf(map.keySet()));
        assertEquals(
                List.of(
                        "accuracy",
                        "precision",
                        "recall",
                        "f1",
                        "specificity",
                        "precision_0",
                        "recall_0",
                        "f1_0",
                        "macro_f1",
                        "auroc",
                        "auprc",
                        "tp",
                        "fp",
                        "tn",
                        "fn",
                        "n"),
                List.copyOf(map.keySet()));
        assertEquals(0.75, map.get("f1"), EPS);
        assertEquals(0.625, map.get("macro_f1"), EPS);
        assertEquals(5.0 / 6.0, map.get("auroc"), EPS);
        assertEquals(13.0 / 15.0, map.get("auprc"), EPS);
        assertEquals(3.0, map.get("tp"));
        assertEquals(6.0, map.get("n"));
        assertThrows(UnsupportedOperationException.class, () -> map.put("x", 1.0));
    }

    @Test
    void thresholdIsInclusive() {
        MetricReport r = BinaryMetrics.atThreshold(new int[] {1, 0}, new double[] {0.5, 0.4999}, 0.5);
        assertEquals(new MetricReport(1, 0, 1, 0, 1.0, 1.0), r);
    }

    @Test
    void badInputIsRejectedWithNamedArgument() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> BinaryMetrics.compute(new int[] {0, 2}, new int[] {0, 1}, new double[] {0.1, 0.2}));
        assertTrue(e.getMessage().contains("labels[1] = 2"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> BinaryMetrics.compute(new int[] {0, 1}, new int[] {0, 1, 1}, new double[] {0.1, 0.2}));
        assertTrue(e.getMessage().contains("predictions has length 3"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> BinaryMetrics.compute(new int[] {0, 1}, new int[] {0, 1}, new double[] {0.1, Double.NaN}));
        assertTrue(e.getMessage().contains("probabilities[1] = NaN"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> BinaryMetrics.compute(new int[] {0, 1}, new int[] {0, 1}, null));
        assertTrue(e.getMessage().contains("probabilities must not be null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BinaryMetrics.fromPredictions(new int[0], new int[0]));
        assertTrue(e.getMessage().contains("labels must not be empty"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> BinaryMetrics.atThreshold(new int[] {1}, new double[] {0.3}, Double.NaN));
        assertTrue(e.getMessage().contains("threshold"), e.getMessage());
    }

    @Test
    void reportRejectsInconsistentConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new MetricReport(-1, 0, 0, 1, 0.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new MetricReport(0, 0, 0, 0, 0.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new MetricReport(1, 0, 0, 1, 1.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new MetricReport(1, 0, 0, 1, 0.5, -0.1));
    }
}
