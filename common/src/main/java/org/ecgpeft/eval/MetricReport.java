package org.ecgpeft.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Immutable result of a binary evaluation: the confusion counts plus the AUROC and the average precision
 * (AUPRC). Every ratio is derived
 * from the counts on demand, so a report can never hold inconsistent numbers.
 *
 * <p>Class 1 (atrial fibrillation) is the positive class: {@link #precision()}, {@link #recall()} and
 * {@link #f1()} are for class 1; the {@code *0} variants treat class 0 as positive. A ratio with a zero
 * denominator is 0.0, as scikit-learn's default {@code zero_division}. {@link #macroF1()} always averages
 * over BOTH classes, i.e. scikit-learn's {@code f1_score(..., average="macro", labels=[0, 1])}: with
 * single-class input this differs from scikit-learn's default, which averages only over the labels present.
 *
 * @param tp    positives predicted positive
 * @param fp    negatives predicted positive
 * @param tn    negatives predicted negative
 * @param fn    positives predicted negative
 * @param auroc area under the ROC curve in [0, 1], or NaN when undefined (single-class labels, or no
 *              probabilities were given)
 * @param auprc average precision ({@link AveragePrecision}) in [0, 1], NaN when the AUROC is
 */
public record MetricReport(long tp, long fp, long tn, long fn, double auroc, double auprc) {

    /** Metric names of {@link #asMap()}, in its iteration order. */
    public static final List<String> NAMES = List.of(
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
            "n");

    /** The metrics that rank scores: undefined for hard predictions alone (e.g. parsed text answers). */
    public static final List<String> SCORE_METRICS = List.of("auroc", "auprc");

    public MetricReport {
        if (tp < 0 || fp < 0 || tn < 0 || fn < 0) {
            throw new IllegalArgumentException(
                    "confusion counts must be >= 0 but were tp=" + tp + " fp=" + fp + " tn=" + tn + " fn=" + fn);
        }
        if (tp + fp + tn + fn == 0) {
            throw new IllegalArgumentException("confusion counts must not all be 0 (no samples)");
        }
        if (!Double.isNaN(auroc) && (auroc < 0.0 || auroc > 1.0)) {
            throw new IllegalArgumentException("auroc = " + auroc + " but must be NaN or in [0, 1]");
        }
        if (!Double.isNaN(auprc) && (auprc < 0.0 || auprc > 1.0)) {
            throw new IllegalArgumentException("auprc = " + auprc + " but must be NaN or in [0, 1]");
        }
    }

    /** Number of samples. */
    public long n() {
        return tp + fp + tn + fn;
    }

    public double accuracy() {
        return ratio(tp + tn, n());
    }

    /** Positive predictive value for class 1: tp / (tp + fp). */
    public double precision() {
        return ratio(tp, tp + fp);
    }

    /** Sensitivity for class 1: tp / (tp + fn). */
    public double recall() {
        return ratio(tp, tp + fn);
    }

    /** F1 for class 1 as 2tp / (2tp + fp + fn): equal to the harmonic mean, and 0.0 when tp = 0. */
    public double f1() {
        return ratio(2 * tp, 2 * tp + fp + fn);
    }

    /** True negative rate tn / (tn + fp); numerically the same as {@link #recall0()}. */
    public double specificity() {
        return ratio(tn, tn + fp);
    }

    /** Negative predictive value: tn / (tn + fn). */
    public double precision0() {
        return ratio(tn, tn + fn);
    }

    public double recall0() {
        return ratio(tn, tn + fp);
    }

    public double f10() {
        return ratio(2 * tn, 2 * tn + fn + fp);
    }

    public double macroF1() {
        return (f1() + f10()) / 2.0;
    }

    /**
     * All metrics by the names of {@link #NAMES}, in that order (counts as doubles). The map is unmodifiable.
     */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("accuracy", accuracy());
        map.put("precision", precision());
        map.put("recall", recall());
        map.put("f1", f1());
        map.put("specificity", specificity());
        map.put("precision_0", precision0());
        map.put("recall_0", recall0());
        map.put("f1_0", f10());
        map.put("macro_f1", macroF1());
        map.put("auroc", auroc);
        map.put("auprc", auprc);
        map.put("tp", (double) tp);
        map.put("fp", (double) fp);
        map.put("tn", (double) tn);
        map.put("fn", (double) fn);
        map.put("n", (double) n());
        return Collections.unmodifiableMap(map);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }
}
