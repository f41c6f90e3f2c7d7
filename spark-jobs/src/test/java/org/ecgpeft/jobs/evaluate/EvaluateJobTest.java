package org.ecgpeft.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.mllib.evaluation.MulticlassMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeLike;
import org.ecgpeft.eval.MetricReport;
import org.ecgpeft.jobs.ml.ModelTransformer;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.SparkSessions;
import org.ecgpeft.lake.Table;
import org.ecgpeft.train.study.SegmentClassifier;
import org.ecgpeft.train.study.SegmentClassifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

class EvaluateJobTest {
    private static final int RECORDS = 12;
    private static final int PER_RECORD = 4;
    private static SparkSession spark;
    private static Lake lake;
    private static String root;
    private static String uriA;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void setUp() throws Exception {
        spark = SparkSessions.local("evaluate-test", 2, 2);
        root = tmp.resolve("lake").toString();
        lake = new Lake(spark, root);
        EvalFixtures.writeSegments(spark, lake, 0, RECORDS, PER_RECORD);
        uriA = EvalFixtures.saveArtifact(tmp.resolve("models"), "run-a", 1);
        EvalFixtures.registerRun(spark, lake, "run-a", uriA, EvalFixtures.DATA_VERSION);
        EvalFixtures.registerRun(
                spark,
                lake,
                "run-b",
                EvalFixtures.saveArtifact(tmp.resolve("models"), "run-b", 2),
                EvalFixtures.DATA_VERSION);
        CountingLoader.LOADS.set(0);
        BatchOutcome outcome = new EvaluateJob(new CountingLoader()).evaluate(spark, config(List.of("run-a")));
        assertEquals(Map.of(), outcome.failures());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static EvaluateConfig config(List<String> runs) {
        return new EvaluateConfig(root, runs, new EvaluateSettings(5, 0.5, 3, new ConflictRetry(4, 10)));
    }

    private static Dataset<Row> predictions(String run) {
        return lake.read(Table.ECG_PREDICTIONS).filter("run_id = '" + run + "'");
    }

    @Test
    void predictionsMatchTheModelAppliedOnTheDriverAndTheModelLoadedOncePerJvm() throws Exception {
        assertEquals(1, CountingLoader.LOADS.get(), "3 partitions on 2 local executor threads share one load");
        List<Row> segs = lake.read(Table.ECG_SEGMENTS)
                .orderBy("record_id", "segment_idx")
                .collectAsList();
        float[][] x = new float[segs.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = Floats.of(segs.get(i), segs.get(i).fieldIndex("signal"));
        }
        double[] expected;
        try (NDManager m = NDManager.newBaseManager();
                SegmentClassifier model = SegmentClassifiers.load(Path.of(java.net.URI.create(uriA)), m)) {
            expected = model.predictProbabilities(x);
        }
        List<Row> got = predictions("run-a").orderBy("record_id", "segment_idx").collectAsList();
        assertEquals(RECORDS * PER_RECORD, got.size());
        Set<Long> distinct = new TreeSet<>();
        for (int i = 0; i < got.size(); i++) {
            Row r = got.get(i);
            assertEquals(segs.get(i).getString(0), r.getAs("record_id"));
            assertEquals((int) segs.get(i).getAs("label"), (int) r.getAs("label"));
            assertEquals(segs.get(i).<String>getAs("split"), r.getAs("split"));
            double p = r.getAs("prob");
            assertEquals(expected[i], p, 1e-5, "prob of row " + i);
            assertEquals(p >= 0.5 ? 1 : 0, (int) r.getAs("pred"));
            assertEquals(EvalFixtures.DATA_VERSION, r.getAs("data_version"));
            distinct.add(Math.round(p * 1e6));
        }
        assertTrue(distinct.size() > 10, "probabilities must depend on the segment");
    }

    @Test
    void metricsCoverEverySplitLevelAndMetricAndRecordLevelUsesTheMeanProbability() {
        List<Row> rows = lake.read(Table.ECG_METRICS).filter("run_id = 'run-a'").collectAsList();
        Map<String, Double> byKey = new HashMap<>();
        for (Row r : rows) {
            byKey.put(r.getAs("split") + "/" + r.getAs("level") + "/" + r.getAs("metric"), r.getAs("value"));
        }
        for (String split : List.of("train", "val", "test")) {
            for (String level : List.of("segment", "record")) {
                for (String metric : MetricReport.NAMES) {
                    assertTrue(
                            byKey.containsKey(split + "/" + level + "/" + metric), split + "/" + level + "/" + metric);
                }
            }
        }
        assertEquals(3 * 2 * MetricReport.NAMES.size(), rows.size());
        assertEquals(RECORDS * PER_RECORD / 3.0, byKey.get("test/segment/n"));
        assertEquals(RECORDS / 3.0, byKey.get("test/record/n"));
        // Record level by hand: mean probability per record against 0.5.
        List<Row> means = spark.sql("SELECT record_id, first(label) AS label, avg(prob) AS p FROM delta.`"
                        + lake.path(Table.ECG_PREDICTIONS)
                        + "` WHERE run_id = 'run-a' AND split = 'test' GROUP BY record_id")
                .collectAsList();
        long tp = means.stream()
                .filter(r -> r.getInt(1) == 1 && r.getDouble(2) >= 0.5)
                .count();
        long tn = means.stream()
                .filter(r -> r.getInt(1) == 0 && r.getDouble(2) < 0.5)
                .count();
        assertEquals((double) tp, byKey.get("test/record/tp"));
        assertEquals((double) tn, byKey.get("test/record/tn"));
    }

    @Test
    void metricsAgreeWithMllibEvaluatorsOnTheSamePredictions() {
        Map<String, Double> ours = new HashMap<>();
        for (Row r : lake.read(Table.ECG_METRICS)
                .filter("run_id = 'run-a' AND level = 'segment' AND split = 'train'")
                .collectAsList()) {
            ours.put(r.getAs("metric"), r.getAs("value"));
        }
        Dataset<Row> preds = predictions("run-a")
                .filter("split = 'train'")
                .selectExpr("CAST(pred AS DOUBLE) AS prediction", "CAST(label AS DOUBLE) AS label", "prob");
        MulticlassMetrics mc = new MulticlassMetrics(preds.select("prediction", "label"));
        assertEquals(mc.accuracy(), ours.get("accuracy"), 1e-12);
        assertEquals(mc.precision(1.0), ours.get("precision"), 1e-12);
        assertEquals(mc.recall(1.0), ours.get("recall"), 1e-12);
        assertEquals(mc.fMeasure(1.0), ours.get("f1"), 1e-12);
        assertEquals(mc.precision(0.0), ours.get("precision_0"), 1e-12);
        assertEquals(mc.recall(0.0), ours.get("recall_0"), 1e-12);
        assertEquals((mc.fMeasure(0.0) + mc.fMeasure(1.0)) / 2, ours.get("macro_f1"), 1e-12);
        double auroc = new BinaryClassificationEvaluator()
                .setRawPredictionCol("prob")
                .setLabelCol("label")
                .setMetricName("areaUnderROC")
                .evaluate(preds);
        assertEquals(auroc, ours.get("auroc"), 1e-12);
    }

    @Test
    void runningTwiceLeavesTheSameRowsAndCommitsNothing() {
        long predVersion = lake.version(Table.ECG_PREDICTIONS);
        long metricVersion = lake.version(Table.ECG_METRICS);
        List<Row> before = lake.read(Table.ECG_METRICS)
                .filter("run_id = 'run-a'")
                .orderBy("split", "level", "metric")
                .collectAsList();
        new EvaluateJob(new ArtifactLoader()).run(spark, config(List.of("run-a")));
        assertEquals(predVersion, lake.version(Table.ECG_PREDICTIONS));
        assertEquals(metricVersion, lake.version(Table.ECG_METRICS));
        assertEquals(
                before,
                lake.read(Table.ECG_METRICS)
                        .filter("run_id = 'run-a'")
                        .orderBy("split", "level", "metric")
                        .collectAsList());
        assertEquals(RECORDS * PER_RECORD, predictions("run-a").count());
    }

    @Test
    void windowsComeInStableBatchesFromOneShuffleOfTheRecords() {
        EvaluationRun run = ModelRegistry.runs(lake, List.of("run-a")).get(0);
        // Both ways Spark may join the records with the ids the run knew: a sort-merge join (a lake too big to
        // broadcast) and a broadcast (this tiny one, by default).
        for (String broadcastBelow : List.of("-1", "10485760")) {
            spark.conf().set("spark.sql.autoBroadcastJoinThreshold", broadcastBelow);
            try {
                RunData data = RunData.prepare(spark, lake, run, lake.version(Table.ECG_RECORDS), 3);
                List<List<String>> batches = batches(data.segments());
                assertEquals(
                        batches(ModelTransformer.inStableBatches(data.segments(), 3, "record_id", "segment_idx")),
                        batches,
                        "broadcast below " + broadcastBelow);
                assertEquals(
                        RECORDS * PER_RECORD,
                        batches.stream().mapToInt(List::size).sum());
                // One shuffle moves signals, and it moves records (no segment index yet): the join keeps the
                // records' partitioning, and the windows are not shuffled again.
                List<List<String>> signalShuffles =
                        shuffleOutputs(data.segments().queryExecution().executedPlan()).stream()
                                .filter(columns -> columns.contains("signal"))
                                .toList();
                assertEquals(1, signalShuffles.size(), broadcastBelow + ": " + signalShuffles);
                assertTrue(!signalShuffles.get(0).contains("segment_idx"), signalShuffles.toString());
            } finally {
                spark.conf().unset("spark.sql.autoBroadcastJoinThreshold");
            }
        }
    }

    /** Each partition's windows as {@code record_id#segment_idx}, in order. */
    private static List<List<String>> batches(Dataset<Row> windows) {
        return windows.select("record_id", "segment_idx").javaRDD().glom().collect().stream()
                .map(p ->
                        p.stream().map(r -> r.getString(0) + "#" + r.getInt(1)).toList())
                .toList();
    }

    /** The output columns of every shuffle in an executed plan (an adaptive plan's final one). */
    private static List<List<String>> shuffleOutputs(SparkPlan plan) {
        SparkPlan node = plan instanceof AdaptiveSparkPlanExec adaptive
                ? adaptive.executedPlan()
                : plan instanceof QueryStageExec stage ? stage.plan() : plan;
        List<List<String>> out = new ArrayList<>();
        if (node instanceof ShuffleExchangeLike) {
            out.add(JavaConverters.seqAsJavaList(node.output()).stream()
                    .map(Attribute::name)
                    .toList());
        }
        for (SparkPlan child : JavaConverters.seqAsJavaList(node.children())) {
            out.addAll(shuffleOutputs(child));
        }
        return out;
    }

    @Test
    void predictorComposesInAnMlPipeline() {
        // A plain local path, as the train job records it (the job above used the file: URI).
        String path = Path.of(java.net.URI.create(uriA)).toString();
        SegmentPredictor predictor = new SegmentPredictor().setCheckpoint(path).setBatchSize(7);
        Dataset<Row> segs = lake.read(Table.ECG_SEGMENTS).filter("split = 'val'");
        Dataset<Row> out = new Pipeline()
                .setStages(new PipelineStage[] {predictor})
                .fit(segs)
                .transform(segs);
        assertEquals(
                List.of("prob", "pred"),
                List.of(out.columns()).subList(out.columns().length - 2, out.columns().length));
        Map<String, Double> stored = new HashMap<>();
        predictions("run-a")
                .filter("split = 'val'")
                .collectAsList()
                .forEach(r -> stored.put(r.getAs("record_id") + "#" + r.getAs("segment_idx"), r.getAs("prob")));
        List<Row> rows = out.collectAsList();
        assertEquals(stored.size(), rows.size());
        for (Row r : rows) {
            assertEquals(
                    stored.get(r.getAs("record_id") + "#" + r.getAs("segment_idx")), (double) r.getAs("prob"), 1e-5);
        }
    }

    /**
     * A run whose training records version is gone fails alone and the other runs are scored. Delta reports the
     * missing version with an AnalysisException, which Java sees as checked although no signature declares it: a
     * {@code catch (RuntimeException)} let it end the whole batch.
     */
    @Test
    void aRunWhoseRecordsVersionIsGoneFailsAloneAndTheOthersAreScored() {
        EvalFixtures.registerRun(
                spark, lake, "run-gone", uriA, EvalFixtures.DATA_VERSION.replace("records@v1/", "records@v99/"));
        BatchOutcome outcome = new EvaluateJob(new ArtifactLoader())
                .evaluate(
                        spark,
                        new EvaluateConfig(
                                root,
                                List.of("run-a", "run-gone"),
                                new EvaluateSettings(5, 0.5, 3, new ConflictRetry(4, 10)),
                                EvaluationData.TRAINING));
        assertEquals(
                List.of("run-a"),
                outcome.finished().stream().map(EvaluationResult::runId).toList());
        assertEquals(List.of("run-gone"), List.copyOf(outcome.failures().keySet()));
        assertTrue(
                outcome.failures().get("run-gone").contains("99"),
                outcome.failures().toString());
    }

    @Test
    void unknownRunIdsAndBadSettingsAreNamed() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new EvaluateJob().evaluate(spark, config(List.of("nope"))));
        assertTrue(e.getMessage().contains("--run-id nope") && e.getMessage().contains("run-a"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EvaluateSettings(0, 0.5, 0, new ConflictRetry(1, 0)));
        IllegalArgumentException t = assertThrows(
                IllegalArgumentException.class, () -> new EvaluateSettings(8, 1.5, 0, new ConflictRetry(1, 0)));
        assertTrue(t.getMessage().contains("--threshold"), t.getMessage());
    }
}
