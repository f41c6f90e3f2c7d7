package org.ecgpeft.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.eval.BinaryMetrics;
import org.ecgpeft.eval.MetricReport;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.SparkSessions;
import org.ecgpeft.lake.Table;
import org.ecgpeft.model.mscnn.MsCnn;
import org.ecgpeft.train.mscnn.MsCnnCheckpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduled batch over an MS-CNN encoder run (evaluated) and an ECG-LLM run whose checkpoint is missing (it
 * fails, named, without stopping the other), on 2 partitions.
 */
class MsCnnEvaluationTest {
    private static final int RECORDS = 6;
    private static final int PER_RECORD = 3;
    private static SparkSession spark;
    private static Lake lake;
    private static Path checkpoint;
    private static BatchOutcome outcome;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void setUp() throws IOException {
        spark = SparkSessions.local("mscnn-evaluate-test", 2, 2);
        String root = tmp.resolve("lake").toString();
        lake = new Lake(spark, root);
        EvalFixtures.writeSegments(spark, lake, 0, RECORDS, PER_RECORD);
        checkpoint = EvalFixtures.saveMsCnn(tmp.resolve("models/encoder"), 5);
        // Registered as train-mscnn does: a plain local path, family mscnn, no PEFT.
        EvalFixtures.registerRun(
                spark, lake, "encoder-run", "mscnn", "none", checkpoint.toString(), EvalFixtures.DATA_VERSION);
        // Fails when evaluated: the ECG-LLM checkpoint folder does not exist.
        EvalFixtures.registerRun(
                spark,
                lake,
                "llm-run",
                "qwen3-ecgllm",
                "lora",
                tmp.resolve("models/llm").toString(),
                EvalFixtures.DATA_VERSION);
        outcome = new ReevaluateJob(new ArtifactLoader())
                .reevaluate(
                        spark,
                        new ReevaluateConfig(root, false, new EvaluateSettings(4, 0.5, 2, new ConflictRetry(4, 10))));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void theScheduledBatchEvaluatesTheMsCnnRunPastTheFailingLlmRun() {
        assertEquals(Set.of("llm-run"), outcome.failures().keySet());
        assertTrue(
                outcome.failures()
                        .get("llm-run")
                        .contains(tmp.resolve("models/llm").toString()),
                outcome.failures().toString());
        IllegalStateException failed = assertThrows(IllegalStateException.class, outcome::requireAllSucceeded);
        assertTrue(
                failed.getMessage().contains("1 of 2 runs failed")
                        && failed.getMessage().contains("llm-run"),
                failed.getMessage());
        assertEquals(
                List.of("encoder-run"),
                outcome.finished().stream().map(EvaluationResult::runId).toList());
        assertEquals(RECORDS * PER_RECORD, outcome.finished().get(0).segments());
        List<String> runs = lake.read(Table.ECG_METRICS).select("run_id").distinct().collectAsList().stream()
                .map(r -> r.getString(0))
                .toList();
        assertEquals(List.of("encoder-run"), runs);
    }

    @Test
    void predictionsAndMetricsEqualThoseOfTheModelsOwnProbabilities() throws IOException {
        List<Row> segs = lake.read(Table.ECG_SEGMENTS)
                .orderBy("record_id", "segment_idx")
                .collectAsList();
        List<Row> preds = lake.read(Table.ECG_PREDICTIONS)
                .filter("run_id = 'encoder-run'")
                .orderBy("record_id", "segment_idx")
                .collectAsList();
        assertEquals(segs.size(), preds.size());
        // Direct: the checkpoint's model in evaluation mode, one window at a time, softmax of the logits.
        Map<String, List<int[]>> labelsAndPreds = new TreeMap<>();
        Map<String, List<Double>> probsBySplit = new TreeMap<>();
        Map<String, Map<String, List<Double>>> recordProbs = new TreeMap<>();
        Map<String, Integer> recordLabels = new HashMap<>();
        try (NDManager m = NDManager.newBaseManager()) {
            MsCnn model = MsCnnCheckpoint.load(checkpoint, m);
            for (int i = 0; i < segs.size(); i++) {
                Row s = segs.get(i);
                float[] x = Floats.of(s, s.fieldIndex("signal"));
                float[] p = model.forward(m.create(x, new Shape(1, 1, x.length)), false)
                        .logits()
                        .softmax(1)
                        .toFloatArray();
                double prob = p[1];
                assertEquals(prob, preds.get(i).<Double>getAs("prob"), 1e-5, "prob of row " + i);
                String split = s.getAs("split");
                int label = s.getAs("label");
                labelsAndPreds.computeIfAbsent(split, k -> new ArrayList<>()).add(new int[] {label, prob >= 0.5 ? 1 : 0
                });
                probsBySplit.computeIfAbsent(split, k -> new ArrayList<>()).add(prob);
                recordProbs
                        .computeIfAbsent(split, k -> new LinkedHashMap<>())
                        .computeIfAbsent(s.getAs("record_id"), k -> new ArrayList<>())
                        .add(prob);
                recordLabels.put(s.getAs("record_id"), label);
            }
        }
        assertTrue(
                probsBySplit.values().stream()
                                .flatMap(List::stream)
                                .map(p -> Math.round(p * 1e6))
                                .distinct()
                                .count()
                        > RECORDS,
                "probabilities must depend on the window");
        Map<String, Double> stored = new HashMap<>();
        for (Row r :
                lake.read(Table.ECG_METRICS).filter("run_id = 'encoder-run'").collectAsList()) {
            stored.put(r.getAs("split") + "/" + r.getAs("level") + "/" + r.getAs("metric"), r.getAs("value"));
        }
        assertEquals(3 * 2 * MetricReport.NAMES.size(), stored.size());
        for (String split : List.of("train", "val", "test")) {
            List<int[]> lp = labelsAndPreds.get(split);
            MetricReport segment = BinaryMetrics.compute(
                    lp.stream().mapToInt(a -> a[0]).toArray(),
                    lp.stream().mapToInt(a -> a[1]).toArray(),
                    probsBySplit.get(split).stream().mapToDouble(d -> d).toArray());
            // Record level: the mean segment probability of each record against 0.5.
            List<String> ids = List.copyOf(recordProbs.get(split).keySet());
            double[] means = ids.stream()
                    .mapToDouble(id -> recordProbs.get(split).get(id).stream()
                            .mapToDouble(d -> d)
                            .average()
                            .orElseThrow())
                    .toArray();
            int[] labels = ids.stream().mapToInt(recordLabels::get).toArray();
            int[] hard = new int[means.length];
            for (int i = 0; i < means.length; i++) {
                hard[i] = means[i] >= 0.5 ? 1 : 0;
            }
            MetricReport record = BinaryMetrics.compute(labels, hard, means);
            assertMetrics(stored, split + "/segment/", segment);
            assertMetrics(stored, split + "/record/", record);
            assertEquals((double) PER_RECORD * RECORDS / 3, stored.get(split + "/segment/n"));
            assertEquals((double) RECORDS / 3, stored.get(split + "/record/n"));
        }
    }

    private static void assertMetrics(Map<String, Double> stored, String prefix, MetricReport expected) {
        expected.asMap()
                .forEach((metric, value) -> assertEquals(value, stored.get(prefix + metric), 1e-9, prefix + metric));
    }

    @Test
    void aFolderWithoutAKnownCheckpointIsNamedWithTheExpectedFiles() throws IOException {
        Path partial = Files.createDirectories(tmp.resolve("models/partial"));
        Files.copy(checkpoint.resolve(MsCnnCheckpoint.CONFIG), partial.resolve(MsCnnCheckpoint.CONFIG));
        IOException e = assertThrows(
                IOException.class,
                () -> new ArtifactLoader()
                        .load(partial.toString(), spark.sparkContext().hadoopConfiguration()));
        assertTrue(
                e.getMessage().contains(partial.toString())
                        && e.getMessage().contains("artifact.json missing")
                        && e.getMessage().contains("config.json + model.safetensors"),
                e.getMessage());
    }
}
