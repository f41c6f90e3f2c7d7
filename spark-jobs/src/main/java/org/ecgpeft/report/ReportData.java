package org.ecgpeft.report;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a report is rendered from, already read from the tables. Plain values, no Spark: the
 * {@code report} job builds one and hands it to {@link ReportWriter}.
 *
 * <p>Run ids are unique, and every curve, metric, confusion, and ROC row must name a registered run, so a
 * typo in a join shows up as an error naming the row instead of a silently missing line.
 *
 * @param dataset     data and preprocessing summary
 * @param runs        trained models, in display order
 * @param curves      training/validation curve points
 * @param metrics     evaluation metrics
 * @param confusions  confusion counts
 * @param rocs        ROC curves
 * @param comparisons MS-CNN vs ECG-LLM rows (may be empty)
 * @param drift       the headline metric per run and records version (may be empty)
 */
public record ReportData(
        DatasetSummary dataset,
        List<ModelRun> runs,
        List<CurvePoint> curves,
        List<MetricRow> metrics,
        List<ConfusionCounts> confusions,
        List<RocSeries> rocs,
        List<ComparisonRow> comparisons,
        List<DriftPoint> drift) {

    public ReportData {
        Objects.requireNonNull(dataset, "report.dataset");
        runs = List.copyOf(Objects.requireNonNull(runs, "report.runs"));
        curves = List.copyOf(Objects.requireNonNull(curves, "report.curves"));
        metrics = List.copyOf(Objects.requireNonNull(metrics, "report.metrics"));
        confusions = List.copyOf(Objects.requireNonNull(confusions, "report.confusions"));
        rocs = List.copyOf(Objects.requireNonNull(rocs, "report.rocs"));
        comparisons = List.copyOf(Objects.requireNonNull(comparisons, "report.comparisons"));
        drift = List.copyOf(Objects.requireNonNull(drift, "report.drift"));
        Set<String> ids = new HashSet<>();
        for (ModelRun run : runs) {
            if (!ids.add(run.runId())) {
                throw new IllegalArgumentException("report.runs: duplicate run id " + run.runId());
            }
        }
        curves.forEach(c -> requireKnown(ids, c.runId(), "report.curves", c));
        metrics.forEach(m -> requireKnown(ids, m.runId(), "report.metrics", m));
        confusions.forEach(c -> requireKnown(ids, c.runId(), "report.confusions", c));
        rocs.forEach(r -> requireKnown(ids, r.runId(), "report.rocs", r.runId()));
        drift.forEach(d -> requireKnown(ids, d.runId(), "report.drift", d));
    }

    /** Runs by id, in display order. */
    public Map<String, ModelRun> runsById() {
        Map<String, ModelRun> byId = new LinkedHashMap<>();
        runs.forEach(r -> byId.put(r.runId(), r));
        return byId;
    }

    /** Whether any data source is the PhysioNet/CinC 2017 challenge data (its licence asks for attribution). */
    public boolean usesCinc2017() {
        return dataset.sources().stream().anyMatch(Attribution::isCinc2017Source);
    }

    private static void requireKnown(Set<String> ids, String runId, String key, Object row) {
        if (!ids.contains(runId)) {
            throw new IllegalArgumentException(key + ": row names unknown run id " + runId + ": " + row);
        }
    }
}
