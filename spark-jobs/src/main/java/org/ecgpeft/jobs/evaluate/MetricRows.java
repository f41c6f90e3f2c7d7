package org.ecgpeft.jobs.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ecgpeft.eval.AggregationMode;
import org.ecgpeft.eval.BinaryMetrics;
import org.ecgpeft.eval.MetricReport;
import org.ecgpeft.eval.RecordAggregator;
import org.ecgpeft.eval.RecordPrediction;
import org.ecgpeft.eval.SegmentPrediction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one run's predictions into {@code ecg_metrics} values: per split, at segment level (the stored
 * predictions) and at record level (mean segment probability per record against the threshold, i.e.
 * {@link RecordAggregator} with {@link AggregationMode#MEAN_PROBABILITY}). Every {@link MetricReport#NAMES}
 * metric is emitted except an undefined one (AUROC of a single-class split), which gets no row rather than
 * a NaN that SQL aggregates would propagate.
 */
public final class MetricRows {
    private static final Logger LOG = LoggerFactory.getLogger(MetricRows.class);

    private MetricRows() {}

    /** The metric values of {@code segments}, splits in sorted order, segment level before record level. */
    public static List<MetricValue> compute(List<ScoredSegment> segments, double threshold) {
        Map<String, List<ScoredSegment>> bySplit = new TreeMap<>();
        for (ScoredSegment s : segments) {
            bySplit.computeIfAbsent(s.split(), k -> new ArrayList<>()).add(s);
        }
        RecordAggregator aggregator = new RecordAggregator(AggregationMode.MEAN_PROBABILITY, threshold);
        List<MetricValue> out = new ArrayList<>();
        bySplit.forEach((split, rows) -> {
            int n = rows.size();
            int[] labels = new int[n];
            int[] preds = new int[n];
            double[] probs = new double[n];
            List<SegmentPrediction> forRecords = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ScoredSegment s = rows.get(i);
                labels[i] = s.label();
                preds[i] = s.pred();
                probs[i] = s.prob();
                forRecords.add(new SegmentPrediction(s.recordId(), s.label(), s.prob()));
            }
            add(out, split, "segment", BinaryMetrics.compute(labels, preds, probs));
            List<RecordPrediction> records = aggregator.aggregate(forRecords);
            int m = records.size();
            int[] rLabels = new int[m];
            int[] rPreds = new int[m];
            double[] rScores = new double[m];
            for (int i = 0; i < m; i++) {
                rLabels[i] = records.get(i).label();
                rPreds[i] = records.get(i).prediction();
                rScores[i] = records.get(i).score();
            }
            add(out, split, "record", BinaryMetrics.compute(rLabels, rPreds, rScores));
        });
        return out;
    }

    private static void add(List<MetricValue> out, String split, String level, MetricReport report) {
        add(out, split, level, report.asMap());
    }

    /** Adds the values of {@code metrics} (metric name to value) but the undefined (NaN) ones. */
    static void add(List<MetricValue> out, String split, String level, Map<String, Double> metrics) {
        metrics.forEach((metric, value) -> {
            if (Double.isNaN(value)) {
                LOG.info("{}/{}: {} is undefined (one class only), not stored", split, level, metric);
            } else {
                out.add(new MetricValue(split, level, metric, value));
            }
        });
    }
}
