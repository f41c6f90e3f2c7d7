package org.ecgpeft.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metrics of an ECG-LLM's parsed answers. In {@link #metrics()} every INVALID answer is counted as wrong
 * (as the class opposite to its label: a false negative for an AF record, a false positive for a normal
 * one), so accuracy and F1 are never flattered by unparseable output; its AUROC is NaN (no probabilities).
 *
 * @param metrics confusion counts and ratios over all answers
 * @param invalid number of INVALID answers (0..n)
 */
public record LlmAnswerReport(MetricReport metrics, long invalid) {

    public LlmAnswerReport {
        if (metrics == null) {
            throw new IllegalArgumentException("metrics must not be null");
        }
        if (invalid < 0 || invalid > metrics.n()) {
            throw new IllegalArgumentException("invalid = " + invalid + " but must be in [0, " + metrics.n() + "]");
        }
    }

    /** Fraction of answers that were INVALID. */
    public double invalidRate() {
        return (double) invalid / metrics.n();
    }

    /**
     * The metrics of {@link MetricReport#asMap()} in the same order without the {@link MetricReport#SCORE_METRICS}
     * (undefined for text answers), followed by {@code invalid} and {@code invalid_rate}. Unmodifiable.
     */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>(metrics.asMap());
        MetricReport.SCORE_METRICS.forEach(map::remove);
        map.put("invalid", (double) invalid);
        map.put("invalid_rate", invalidRate());
        return Collections.unmodifiableMap(map);
    }
}
