package org.ecgpeft.report;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ecgpeft.eval.AggregationMode;
import org.ecgpeft.eval.AveragePrecision;
import org.ecgpeft.eval.RecordAggregator;
import org.ecgpeft.eval.RecordPrediction;
import org.ecgpeft.eval.RocCurve;
import org.ecgpeft.eval.RocPoint;
import org.ecgpeft.eval.SegmentPrediction;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.lake.runs.RunRegistry;

/**
 * Builds {@link ReportData} from the tables. Metrics and predictions are those of each run's latest
 * evaluation (the data version with the newest {@code evaluated_at}); the dataset section describes the data
 * version the newest run was trained on. Tables that were never written contribute nothing.
 */
public final class ReportDataReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double THRESHOLD = 0.5;

    private final Lake lake;
    private final ReportSettings settings;

    /** A reader of the tables of {@code lake} for a report with {@code settings}. */
    public ReportDataReader(Lake lake, ReportSettings settings) {
        this.lake = lake;
        this.settings = settings;
    }

    /** Reads every table the report shows. */
    public ReportData read() {
        if (!lake.exists(Table.ECG_SEGMENTS)) {
            throw new IllegalStateException(
                    "no ecg_segments under " + lake.root() + ": run ingest and preprocess first");
        }
        Map<String, String> normByVersion = new HashMap<>();
        for (Row r : lake.read(Table.ECG_SEGMENTS)
                .select("data_version", "norm_mode")
                .distinct()
                .collectAsList()) {
            normByVersion.put(r.getString(0), r.getString(1));
        }
        List<ModelRun> runs = new ArrayList<>();
        String newestDataVersion = null;
        if (lake.exists(Table.ECG_MODELS)) {
            for (Row r :
                    lake.read(Table.ECG_MODELS).orderBy("created_at", "run_id").collectAsList()) {
                runs.add(run(r, normByVersion));
                newestDataVersion = r.getAs("data_version");
            }
        }
        String dataVersion = newestDataVersion != null && normByVersion.containsKey(newestDataVersion)
                ? newestDataVersion
                : normByVersion.keySet().stream()
                        .max(String::compareTo)
                        .orElseThrow(
                                () -> new IllegalStateException("ecg_segments under " + lake.root() + " is empty"));
        Map<String, String> evaluated = latestEvaluation();
        List<MetricRow> metrics = metrics(evaluated);
        return new ReportData(
                dataset(dataVersion, normByVersion.get(dataVersion)),
                runs,
                curves(),
                metrics,
                confusions(metrics),
                rocs(evaluated, runs),
                comparisons(runs, metrics),
                drift());
    }

    private DatasetSummary dataset(String dataVersion, String normMode) {
        List<String> sources = new ArrayList<>();
        Map<String, Long> perLabel = new TreeMap<>();
        if (lake.exists(Table.ECG_RECORDS)) {
            Dataset<Row> records = lake.read(Table.ECG_RECORDS);
            records.select("source")
                    .distinct()
                    .orderBy("source")
                    .collectAsList()
                    .forEach(r -> sources.add(r.getString(0)));
            records.groupBy("label")
                    .count()
                    .collectAsList()
                    .forEach(r -> perLabel.put(r.isNullAt(0) ? "unlabelled" : r.getString(0), r.getLong(1)));
        }
        Map<String, Long> perSplit = new TreeMap<>();
        lake.read(Table.ECG_SEGMENTS)
                .filter(col("data_version").equalTo(dataVersion))
                .groupBy("split")
                .count()
                .collectAsList()
                .forEach(r -> perSplit.put(r.getString(0), r.getLong(1)));
        return new DatasetSummary(sources, perLabel, perSplit, normMode, dataVersion);
    }

    private static ModelRun run(Row r, Map<String, String> normByVersion) {
        String id = r.getAs("run_id");
        JsonNode hp = hyperParams(id, r.getAs("hyper_params"));
        String family = r.getAs("family");
        return new ModelRun(
                id,
                hp.path("study").asText(family),
                family,
                r.getAs("peft"),
                normByVersion.getOrDefault(
                        r.<String>getAs("data_version"), hp.path("norm_mode").asText("unknown")),
                r.<Long>getAs("trainable_params"),
                r.<Long>getAs("total_params"),
                r.getAs("hyper_params"),
                orNaN(r, "train_seconds"),
                hp.path("step_millis").asDouble(Double.NaN),
                r.isNullAt(r.fieldIndex("peak_memory_bytes")) ? -1 : r.<Long>getAs("peak_memory_bytes"));
    }

    private static JsonNode hyperParams(String runId, String json) {
        try {
            return json == null || json.isBlank() ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("ecg_models run " + runId + ": hyper_params is not JSON: " + json, e);
        }
    }

    private static double orNaN(Row r, String column) {
        return r.isNullAt(r.fieldIndex(column)) ? Double.NaN : r.<Double>getAs(column);
    }

    private List<CurvePoint> curves() {
        List<CurvePoint> out = new ArrayList<>();
        if (lake.exists(Table.ECG_TRAINING_CURVES) && lake.exists(Table.ECG_MODELS)) {
            Dataset<Row> known = lake.read(Table.ECG_MODELS).select("run_id");
            for (Row r : lake.read(Table.ECG_TRAINING_CURVES)
                    .join(known, "run_id")
                    .orderBy("run_id", "split", "metric", "step")
                    .collectAsList()) {
                out.add(new CurvePoint(
                        r.getAs("run_id"),
                        r.<Integer>getAs("epoch"),
                        r.<Long>getAs("step"),
                        r.getAs("split"),
                        orNaN(r, "loss"),
                        r.getAs("metric"),
                        orNaN(r, "value")));
            }
        }
        return out;
    }

    /** run id -> data version of its newest evaluation, for runs still registered. */
    private Map<String, String> latestEvaluation() {
        Map<String, String> latest = new TreeMap<>();
        if (lake.exists(Table.ECG_METRICS) && lake.exists(Table.ECG_MODELS)) {
            Dataset<Row> known = lake.read(Table.ECG_MODELS).select("run_id");
            for (Row r : lake.read(Table.ECG_METRICS)
                    .join(known, "run_id")
                    .groupBy("run_id", "data_version")
                    .agg(org.apache.spark.sql.functions.max("evaluated_at").as("at"))
                    .orderBy("run_id", "at", "data_version")
                    .collectAsList()) {
                latest.put(r.getString(0), r.getString(1));
            }
        }
        return latest;
    }

    private List<MetricRow> metrics(Map<String, String> evaluated) {
        List<MetricRow> out = new ArrayList<>();
        if (evaluated.isEmpty()) {
            return out;
        }
        for (Row r : lake.read(Table.ECG_METRICS)
                .orderBy("run_id", "split", "level", "metric")
                .collectAsList()) {
            String run = r.getAs("run_id");
            // The new-since-training group is a drift figure (see drift()), not a split of the comparison tables.
            if (r.<String>getAs("data_version").equals(evaluated.get(run))
                    && !r.isNullAt(r.fieldIndex("value"))
                    && !RunRegistry.NEW_SINCE_TRAINING.equals(r.getAs("split"))) {
                out.add(new MetricRow(run, r.getAs("split"), r.getAs("level"), r.getAs("metric"), r.getAs("value")));
            }
        }
        return out;
    }

    /**
     * The headline metric of every registered run per records version, on the report's split and on the records
     * new since the run's training; evaluations not tagged with a records version (older tags) are left out.
     */
    private List<DriftPoint> drift() {
        List<DriftPoint> out = new ArrayList<>();
        if (!lake.exists(Table.ECG_METRICS) || !lake.exists(Table.ECG_MODELS)) {
            return out;
        }
        for (Row r : lake.read(Table.ECG_METRICS)
                .join(lake.read(Table.ECG_MODELS).select("run_id"), "run_id")
                .filter(col("metric")
                        .equalTo(settings.metric())
                        .and(col("level").equalTo(settings.level()))
                        .and(col("split").isin(settings.split(), RunRegistry.NEW_SINCE_TRAINING))
                        .and(col("value").isNotNull())
                        .and(col("data_version").startsWith("records@v")))
                .orderBy("run_id", "data_version", "split")
                .collectAsList()) {
            out.add(new DriftPoint(
                    r.getAs("run_id"),
                    RunRegistry.recordsVersion(r.getAs("data_version")),
                    r.getAs("split"),
                    r.<Double>getAs("value")));
        }
        return out;
    }

    private static List<ConfusionCounts> confusions(List<MetricRow> metrics) {
        Map<String, Map<String, Double>> byKey = new LinkedHashMap<>();
        for (MetricRow m : metrics) {
            byKey.computeIfAbsent(m.runId() + "\u0000" + m.split() + "\u0000" + m.level(), k -> new HashMap<>())
                    .put(m.metric(), m.value());
        }
        List<ConfusionCounts> out = new ArrayList<>();
        byKey.forEach((key, v) -> {
            if (v.keySet().containsAll(List.of("tp", "fp", "tn", "fn"))) {
                String[] k = key.split("\u0000");
                out.add(new ConfusionCounts(
                        k[0],
                        k[1],
                        k[2],
                        Math.round(v.get("tp")),
                        Math.round(v.get("fp")),
                        Math.round(v.get("tn")),
                        Math.round(v.get("fn"))));
            }
        });
        return out;
    }

    /** ROC curves of the report's split, segment and record level, from each run's latest predictions. */
    /** ROC per run with a ranking score; ECG-LLM answers (1 / 0 / 0.5) have none, so they are left out. */
    private List<RocSeries> rocs(Map<String, String> evaluated, List<ModelRun> runs) {
        List<RocSeries> out = new ArrayList<>();
        if (evaluated.isEmpty() || !lake.exists(Table.ECG_PREDICTIONS)) {
            return out;
        }
        Set<String> llmRuns = new HashSet<>();
        runs.stream().filter(ReportDataReader::isLlm).forEach(r -> llmRuns.add(r.runId()));
        Map<String, List<SegmentPrediction>> byRun = new TreeMap<>();
        for (Row r : lake.read(Table.ECG_PREDICTIONS)
                .filter(col("split").equalTo(settings.split()))
                .select("run_id", "data_version", "record_id", "label", "prob")
                .collectAsList()) {
            if (r.getString(1).equals(evaluated.get(r.getString(0))) && !llmRuns.contains(r.getString(0))) {
                byRun.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
                        .add(new SegmentPrediction(r.getString(2), r.getInt(3), r.getDouble(4)));
            }
        }
        RecordAggregator aggregator = new RecordAggregator(AggregationMode.MEAN_PROBABILITY, THRESHOLD);
        byRun.forEach((run, segments) -> {
            add(
                    out,
                    run,
                    "segment",
                    segments.stream().mapToInt(SegmentPrediction::label).toArray(),
                    segments.stream()
                            .mapToDouble(SegmentPrediction::probability)
                            .toArray());
            List<RecordPrediction> records = aggregator.aggregate(segments);
            add(
                    out,
                    run,
                    "record",
                    records.stream().mapToInt(RecordPrediction::label).toArray(),
                    records.stream().mapToDouble(RecordPrediction::score).toArray());
        });
        return out;
    }

    private void add(List<RocSeries> out, String run, String level, int[] labels, double[] scores) {
        List<RocPoint> points = RocCurve.points(labels, scores);
        if (points.size() >= 2) {
            out.add(new RocSeries(run, settings.split(), level, points, AveragePrecision.compute(labels, scores)));
        }
    }

    /** The MS-CNN vs ECG-LLM table: runs of those families at the report's split and level. */
    private List<ComparisonRow> comparisons(List<ModelRun> runs, List<MetricRow> metrics) {
        List<ComparisonRow> out = new ArrayList<>();
        for (ModelRun run : runs) {
            boolean llm = isLlm(run);
            String family = run.family().toLowerCase(Locale.ROOT);
            if (!llm && !family.contains("mscnn") && !family.contains("ms-cnn")) {
                continue;
            }
            // An ECG-LLM's answers are stored under their own levels (llm, llm-record), next to the encoder's.
            String level = llm ? RunRegistry.llmLevel(settings.level()) : settings.level();
            Map<String, Double> v = new HashMap<>();
            metrics.stream()
                    .filter(m -> m.runId().equals(run.runId())
                            && m.split().equals(settings.split())
                            && m.level().equals(level))
                    .forEach(m -> v.put(m.metric(), m.value()));
            if (v.containsKey("accuracy")) {
                // Runs of one family share a label; the run id tells them apart.
                out.add(new ComparisonRow(
                        run.label() + " " + run.runId(),
                        llm ? "llm" : "encoder",
                        settings.split(),
                        v.get("accuracy"),
                        v.getOrDefault("precision", Double.NaN),
                        v.getOrDefault("recall", Double.NaN),
                        v.getOrDefault("f1", Double.NaN),
                        v.getOrDefault("auroc", Double.NaN),
                        v.getOrDefault("auprc", Double.NaN),
                        v.getOrDefault("invalid_rate", Double.NaN)));
            }
        }
        return out;
    }

    private static boolean isLlm(ModelRun run) {
        String family = run.family().toLowerCase(Locale.ROOT);
        return family.contains("llm") || family.contains("qwen");
    }
}
