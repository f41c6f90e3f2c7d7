package org.ecgpeft.jobs.evaluate;

import static org.apache.spark.sql.functions.lit;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.ecgpeft.jobs.llm.TrainLlmJob;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.lake.runs.RunRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates registered runs: the run's windows of one {@code ecg_records} version, prepared with its own recipe
 * ({@link RunData}), are predicted on the executors ({@link SegmentPredictor}), or for an ECG-LLM run encoded by
 * its frozen encoder and answered by the LLM ({@link LlmRunScorer}), then {@code ecg_predictions} and
 * {@code ecg_metrics} (through the run registry) are MERGEd, tagged with the run's recipe on that records version.
 * Metrics come per split and for the group {@value RunRegistry#NEW_SINCE_TRAINING}: the records ingested after the
 * run's training version, which it can never have seen. Predictions are written before metrics, so metrics for a
 * data version imply its predictions are complete. Re-running on the same data leaves the same rows and commits nothing.
 */
public final class RunEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(RunEvaluator.class);
    private static final List<String> PREDICTION_VALUES = List.of("split", "prob", "pred", "label");

    private final SparkSession spark;
    private final Lake lake;
    private final ClassifierLoader loader;
    private final EvaluateSettings settings;

    /** An evaluator writing into {@code lake}, loading models with {@code loader}. */
    public RunEvaluator(SparkSession spark, Lake lake, ClassifierLoader loader, EvaluateSettings settings) {
        this.spark = spark;
        this.lake = lake;
        this.loader = loader;
        this.settings = settings;
    }

    /**
     * Evaluates every run on {@code data} ({@code currentRecordsVersion} is the {@code ecg_records} version
     * {@link EvaluationData#CURRENT} means), continuing past failures.
     */
    public BatchOutcome evaluateAll(List<EvaluationRun> runs, EvaluationData data, long currentRecordsVersion) {
        createOutputTables();
        List<EvaluationResult> done = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (EvaluationRun run : runs) {
            try {
                done.add(evaluate(run, RunData.recordsVersion(run, data, currentRecordsVersion)));
            } catch (Exception e) { // Spark's AnalysisException too: checked in Java, yet undeclared
                LOG.error("run {} failed: {}", run.runId(), e.getMessage(), e);
                failed.put(run.runId(), String.valueOf(e.getMessage()));
            }
        }
        return new BatchOutcome(done, failed);
    }

    /** Evaluates one run on {@code ecg_records} at {@code recordsVersion}. */
    public EvaluationResult evaluate(EvaluationRun run, long recordsVersion) {
        if (run.checkpointUri() == null || run.checkpointUri().isBlank()) {
            throw new IllegalStateException("run " + run.runId() + " has no checkpoint_uri in ecg_models");
        }
        boolean llm = run.family().equals(TrainLlmJob.FAMILY);
        if (!llm) {
            requireArtifact(run);
        }
        int partitions = settings.partitions() > 0
                ? settings.partitions()
                : spark.sparkContext().defaultParallelism();
        RunData data = RunData.prepare(spark, lake, run, recordsVersion, partitions);
        String tag = data.dataVersion();
        RunScores scores = llm
                ? new LlmRunScorer(spark, lake, settings).score(run, data, recordsVersion)
                : classify(run, data, recordsVersion);
        try {
            settings.retry()
                    .run(
                            "ecg_predictions of " + run.runId(),
                            () -> lake.upsert(Table.ECG_PREDICTIONS, scores.predictions(), PREDICTION_VALUES));
            List<RunRegistry.MetricSet> metricSets = metricSets(run.runId(), scores.metrics());
            settings.retry().run("ecg_metrics of " + run.runId(), () -> {
                new RunRegistry(spark, lake).writeMetrics(tag, metricSets);
                return null;
            });
            String level = scores.recordLevel();
            LOG.info(
                    "run {} (trained on {}): {} segments of records@v{} scored as {}, {} of them from {} records new "
                            + "since training; test {} f1 {} auroc {}, {} f1 {}",
                    run.runId(),
                    run.dataVersion(),
                    scores.windows(),
                    recordsVersion,
                    tag,
                    scores.newWindows(),
                    scores.newRecords(),
                    level,
                    find(scores.metrics(), "test", level, "f1"),
                    find(scores.metrics(), "test", level, "auroc"),
                    RunRegistry.NEW_SINCE_TRAINING,
                    find(scores.metrics(), RunRegistry.NEW_SINCE_TRAINING, level, "f1"));
            return new EvaluationResult(run.runId(), tag, scores.windows(), scores.metrics());
        } finally {
            scores.predictions().unpersist();
        }
    }

    /** The error of a run that has nothing to score. */
    static IllegalStateException nothingToScore(EvaluationRun run, long recordsVersion) {
        return new IllegalStateException("run " + run.runId() + ": no N/A records to score in ecg_records@v"
                + recordsVersion + " with the recipe of " + run.dataVersion());
    }

    /** Scores a classifier run (PEFT study, MS-CNN): its probabilities per window, on the executors. */
    private RunScores classify(EvaluationRun run, RunData data, long recordsVersion) {
        Dataset<Row> segments =
                data.segments().select("record_id", "segment_idx", "split", "label", RunData.NEW, "signal");
        SegmentPredictor predictor = new SegmentPredictor()
                .setLoader(loader.getClass())
                .setCheckpoint(run.checkpointUri())
                .setBatchSize(settings.batchSize())
                .setThreshold(settings.threshold());
        // Persisted so the metrics, the MERGE and any conflict retry reuse one inference pass.
        Dataset<Row> predictions = predictor
                .transform(segments)
                .drop("signal")
                .withColumn("run_id", lit(run.runId()))
                .withColumn("data_version", lit(data.dataVersion()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<ScoredSegment> scored = new ArrayList<>();
            List<ScoredSegment> fresh = new ArrayList<>();
            for (Row r : predictions
                    .select("split", "record_id", "label", "prob", "pred", RunData.NEW)
                    .collectAsList()) {
                scored.add(new ScoredSegment(r.getString(0), r.getString(1), r.getInt(2), r.getDouble(3), r.getInt(4)));
                if (r.getBoolean(5)) {
                    fresh.add(new ScoredSegment(
                            RunRegistry.NEW_SINCE_TRAINING, r.getString(1), r.getInt(2), r.getDouble(3), r.getInt(4)));
                }
            }
            if (scored.isEmpty()) {
                throw nothingToScore(run, recordsVersion);
            }
            List<MetricValue> metrics = new ArrayList<>(MetricRows.compute(scored, settings.threshold()));
            metrics.addAll(MetricRows.compute(fresh, settings.threshold()));
            long newRecords =
                    fresh.stream().map(ScoredSegment::recordId).distinct().count();
            return new RunScores(predictions, metrics, "record", scored.size(), fresh.size(), newRecords);
        } catch (Exception e) { // Spark's AnalysisException too: checked in Java, yet undeclared
            predictions.unpersist();
            throw e;
        }
    }

    /** Checked on the driver: a missing model should fail the run at once, not after every task retry. */
    private void requireArtifact(EvaluationRun run) {
        Path dir = new Path(run.checkpointUri());
        try {
            FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            CheckpointFormat.of(run.checkpointUri(), name -> fs.exists(new Path(dir, name)));
        } catch (FileNotFoundException e) {
            throw new IllegalStateException("run " + run.runId() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("run " + run.runId() + ": cannot read " + dir, e);
        }
    }

    private void createOutputTables() {
        // Created up front: two evaluations creating the same table at once would conflict for nothing.
        for (Table t : List.of(Table.ECG_PREDICTIONS, Table.ECG_METRICS)) {
            settings.retry().run("create " + t.tableName(), () -> {
                lake.createIfAbsent(t);
                return null;
            });
        }
    }

    /** The metric values grouped by split and level, in their order, as the run registry writes them. */
    private static List<RunRegistry.MetricSet> metricSets(String runId, List<MetricValue> metrics) {
        Map<List<String>, Map<String, Double>> groups = new LinkedHashMap<>();
        for (MetricValue m : metrics) {
            groups.computeIfAbsent(List.of(m.split(), m.level()), k -> new LinkedHashMap<>())
                    .put(m.metric(), m.value());
        }
        List<RunRegistry.MetricSet> sets = new ArrayList<>(groups.size());
        groups.forEach((k, values) -> sets.add(new RunRegistry.MetricSet(runId, k.get(0), k.get(1), values)));
        return sets;
    }

    private static String find(List<MetricValue> metrics, String split, String level, String metric) {
        return metrics.stream()
                .filter(m -> m.split().equals(split)
                        && m.level().equals(level)
                        && m.metric().equals(metric))
                .map(m -> String.format("%.4f", m.value()))
                .findFirst()
                .orElse("-");
    }
}
