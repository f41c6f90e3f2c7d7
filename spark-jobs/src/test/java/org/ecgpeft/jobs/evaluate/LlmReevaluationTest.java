package org.ecgpeft.jobs.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.jobs.features.FeaturesConfig;
import org.ecgpeft.jobs.features.FeaturesJob;
import org.ecgpeft.jobs.llm.TinyLlmTraining;
import org.ecgpeft.jobs.llm.TrainLlmJob;
import org.ecgpeft.jobs.llm.TrainLlmResult;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.SparkSessions;
import org.ecgpeft.lake.Table;
import org.ecgpeft.lake.runs.RunRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ECG-LLM run on records that keep arriving: half a record set is ingested and preprocessed (stable split), a
 * tiny MS-CNN encodes it (features job) and a tiny Qwen3 ECG-LLM trains on the features for a few epochs, the other
 * half arrives and is preprocessed, and {@code reevaluate} scores the LLM run on the new records version through
 * its frozen encoder. Every record of the current version gets an answer, the new-since-training group is exactly
 * the second half, and a second reevaluate commits nothing.
 */
class LlmReevaluationTest {
    private static final int HALF = 24;
    private static SparkSession spark;
    private static Lake lake;
    private static String firstVersion;
    private static String secondVersion;
    private static TrainLlmResult llm;
    private static BatchOutcome reevaluated;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void arriveTrainArriveReevaluate() throws Exception {
        spark = SparkSessions.local("llm-reevaluate-test", 2, 2);
        lake = new Lake(spark, tmp.resolve("lake").toString());
        // One 600-sample window per record: the window of the fixture's tiny MS-CNN.
        EvalFixtures.addRecords(spark, lake, 0, HALF, 1);
        firstVersion = EvalFixtures.preprocessWindows(spark, lake, 600);
        Path encoder = EvalFixtures.saveMsCnn(tmp.resolve("models/encoder"), 3);
        EvalFixtures.registerRun(spark, lake, "encoder-run", "mscnn", "none", encoder.toString(), firstVersion);
        new FeaturesJob().extract(spark, new FeaturesConfig(lake.root(), Optional.empty(), Optional.empty(), 16, 0));
        // Enough steps for the tiny model to answer in words the parser reads.
        llm = TinyLlmTraining.train(spark, lake, 8);
        EvalFixtures.addRecords(spark, lake, HALF, HALF, 1);
        secondVersion = EvalFixtures.preprocessWindows(spark, lake, 600);
        reevaluated = EvalFixtures.reevaluate(spark, lake);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static Map<String, Double> metrics(String group, String level) {
        Map<String, Double> out = new HashMap<>();
        lake.read(Table.ECG_METRICS)
                .filter(col("run_id")
                        .equalTo(llm.runId())
                        .and(col("data_version").equalTo(secondVersion))
                        .and(col("split").equalTo(group))
                        .and(col("level").equalTo(level)))
                .collectAsList()
                .forEach(r -> out.put(r.getAs("metric"), r.getAs("value")));
        return out;
    }

    @Test
    void theRunRecordsTheRecordsVersionAndSplitRuleItTrainedOn() {
        assertEquals("records@v1/w600s600-zero/split-stable60-20-20@2017/per-segment", firstVersion);
        Row model = lake.read(Table.ECG_MODELS)
                .filter(col("run_id").equalTo(llm.runId()))
                .first();
        assertEquals(
                List.of(TrainLlmJob.FAMILY, firstVersion), List.of(model.getAs("family"), model.getAs("data_version")));
    }

    @Test
    void everyRecordOfTheCurrentVersionGetsAnAnswerAndTheNewGroupIsTheSecondHalf() {
        assertEquals(Map.of(), reevaluated.failures());
        assertEquals(
                Set.of("encoder-run", llm.runId()),
                Set.copyOf(reevaluated.finished().stream()
                        .map(EvaluationResult::runId)
                        .toList()));
        List<Row> answers = lake.read(Table.ECG_PREDICTIONS)
                .filter(col("run_id")
                        .equalTo(llm.runId())
                        .and(col("data_version").equalTo(secondVersion)))
                .collectAsList();
        Map<String, String> segments = new HashMap<>();
        lake.read(Table.ECG_SEGMENTS)
                .filter(col("data_version").equalTo(secondVersion))
                .select("record_id", "split")
                .collectAsList()
                .forEach(r -> segments.put(r.getString(0), r.getString(1)));
        assertEquals(2 * HALF, segments.size());
        assertEquals(segments.size(), answers.size(), "one answer per window, one window per record");
        for (Row r : answers) {
            String id = r.getAs("record_id");
            assertEquals(segments.get(id), r.getAs("split"), id);
            double prob = r.getAs("prob");
            assertTrue(List.of(0.0, 0.5, 1.0).contains(prob), "an answer's class, not a probability: " + prob);
            int label = r.getAs("label");
            int pred = r.getAs("pred");
            assertEquals(prob == 0.5 ? 1 - label : (int) prob, pred, "pred of " + id);
        }
        // Answers that all failed to parse would prove nothing about the answers' classes.
        assertTrue(answers.stream().anyMatch(r -> (double) r.getAs("prob") != 0.5), "no answer parsed");

        assertEquals(HALF, metrics(RunRegistry.NEW_SINCE_TRAINING, "llm-record").get("n"));
        assertEquals(HALF, metrics(RunRegistry.NEW_SINCE_TRAINING, "llm").get("n"));
        double all = 0;
        for (String split : List.of("train", "val", "test")) {
            Map<String, Double> record = metrics(split, "llm-record");
            assertTrue(record.containsKey("accuracy") && record.containsKey("invalid"), split + ": " + record);
            all += record.get("n");
        }
        assertEquals(2 * HALF, all);
        long correct = answers.stream()
                .filter(r -> (int) r.getAs("pred") == (int) r.getAs("label"))
                .count();
        double accuracy = 0;
        for (String split : List.of("train", "val", "test")) {
            accuracy += metrics(split, "llm").get("accuracy")
                    * metrics(split, "llm").get("n");
        }
        assertEquals(correct, accuracy, 1e-9, "the metrics are those of the stored answers");
    }

    @Test
    void theNewGroupIsTheRecordsIngestedAfterTraining() {
        List<String> known = lake.readVersion(Table.ECG_RECORDS, RunRegistry.recordsVersion(firstVersion))
                .select("record_id")
                .as(Encoders.STRING())
                .collectAsList();
        assertEquals(HALF, known.size());
        assertTrue(known.stream().allMatch(id -> Integer.parseInt(id.substring(3)) < HALF), known.toString());
        assertEquals(2L, RunRegistry.recordsVersion(secondVersion));
    }

    @Test
    void aSecondReevaluateCommitsNothing() {
        long metricsVersion = lake.version(Table.ECG_METRICS);
        long predictionsVersion = lake.version(Table.ECG_PREDICTIONS);
        BatchOutcome again = EvalFixtures.reevaluate(spark, lake);
        assertEquals(List.of(), again.finished());
        assertEquals(Map.of(), again.failures());
        assertEquals(metricsVersion, lake.version(Table.ECG_METRICS));
        assertEquals(predictionsVersion, lake.version(Table.ECG_PREDICTIONS));
    }
}
