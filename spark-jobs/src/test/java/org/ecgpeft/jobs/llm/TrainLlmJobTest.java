package org.ecgpeft.jobs.llm;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.SparkSessions;
import org.ecgpeft.lake.Table;
import org.ecgpeft.lake.runs.CheckpointStore;
import org.ecgpeft.train.llm.EcgFeatureSet;
import org.ecgpeft.train.llm.SyntheticFeatures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-llm --tiny end to end over real Delta tables holding a few dozen synthetic encoder features. */
class TrainLlmJobTest {
    private static final String ENCODER = "mscnn-test";
    private static final String DATA_VERSION = "records@v0/w2400s2400-drop/test";
    private static final int ROWS = 48;
    private static final int TEST_FROM = 38;
    private static final int VAL_FROM = 32;

    private static SparkSession spark;
    private static Lake lake;
    private static TrainLlmResult result;
    private static int[] labels;
    private static int[] encoderPred;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void trainTiny() throws Exception {
        spark = SparkSessions.local("train-llm-test", 2, 2);
        lake = new Lake(spark, tmp.resolve("lake").toString());
        writeEncoderOutputs();
        result = TinyLlmTraining.train(spark, lake, 4);
    }

    /** Features of an "encoder" (two synthetic clusters) and its own predictions: 8 of the 10 test rows right. */
    private static void writeEncoderOutputs() {
        EcgFeatureSet set = SyntheticFeatures.generate(ROWS, 32, 3.0, 5);
        labels = set.labels();
        encoderPred = new int[ROWS];
        List<Row> features = new ArrayList<>();
        List<Row> predictions = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            String split = i >= TEST_FROM ? "test" : i >= VAL_FROM ? "val" : "train";
            String id = String.format("R%03d", i);
            boolean wrong = i == TEST_FROM || i == TEST_FROM + 1;
            encoderPred[i] = wrong ? 1 - labels[i] : labels[i];
            double prob = encoderPred[i] == 1 ? 0.9 : 0.1;
            features.add(RowFactory.create(id, 0, split, labels[i], set.rows(new int[] {i}), ENCODER, DATA_VERSION));
            predictions.add(RowFactory.create(ENCODER, id, 0, split, prob, encoderPred[i], labels[i], DATA_VERSION));
        }
        lake.append(Table.ECG_FEATURES, spark.createDataFrame(features, Table.ECG_FEATURES.schema()));
        lake.append(Table.ECG_PREDICTIONS, spark.createDataFrame(predictions, Table.ECG_PREDICTIONS.schema()));
        lake.append(
                Table.ECG_MODELS,
                spark.createDataFrame(
                        List.of(RowFactory.create(
                                ENCODER,
                                "mscnn",
                                "none",
                                "{}",
                                10L,
                                10L,
                                "file:/nowhere",
                                1.0,
                                null,
                                DATA_VERSION,
                                new Timestamp(0))),
                        Table.ECG_MODELS.schema()));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static Map<String, Double> metrics(String runId, String level) {
        Map<String, Double> out = new HashMap<>();
        lake.read(Table.ECG_METRICS)
                .filter(col("run_id")
                        .equalTo(runId)
                        .and(col("level").equalTo(level))
                        .and(col("split").equalTo("test"))
                        .and(col("data_version").equalTo(DATA_VERSION)))
                .collectAsList()
                .forEach(r -> out.put(r.getAs("metric"), r.getAs("value")));
        return out;
    }

    @Test
    void theSavedCheckpointGivesTheAnswersOfTheEndOfTraining() throws Exception {
        AnswerLlmResult again = new AnswerLlmJob()
                .answer(
                        spark,
                        new AnswerLlmConfig(
                                lake.root(),
                                Optional.of(result.runId()),
                                "test",
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                16));
        assertEquals(ROWS - TEST_FROM, again.answers());
        assertEquals(again.answers(), again.stored());
        assertEquals(again.stored(), again.identical());
        assertEquals(result.llm().asMap(), again.llm().asMap());
        assertEquals(result.encoder().asMap(), again.encoder().asMap());
    }

    @Test
    void registersTheRunWithItsCheckpointAndCurves() throws Exception {
        Row model = lake.read(Table.ECG_MODELS)
                .filter(col("run_id").equalTo(result.runId()))
                .first();
        assertEquals(
                List.of(TrainLlmJob.FAMILY, "lora", DATA_VERSION, result.checkpoint()),
                List.of(
                        model.getAs("family"),
                        model.getAs("peft"),
                        model.getAs("data_version"),
                        model.getAs("checkpoint_uri")));
        long trainable = model.getAs("trainable_params");
        long total = model.getAs("total_params");
        assertTrue(trainable > 0 && trainable < total / 2, trainable + " of " + total);
        assertTrue(result.checkpoint().endsWith("/epoch-004"), result.checkpoint());
        Path checkpoint = CheckpointStore.localCopy(
                result.checkpoint(), spark.sparkContext().hadoopConfiguration());
        assertTrue(Files.isRegularFile(checkpoint.resolve("projector.safetensors")), checkpoint.toString());
        long curves = lake.read(Table.ECG_TRAINING_CURVES)
                .filter(col("run_id").equalTo(result.runId()))
                .count();
        assertEquals(result.training().curves().size(), curves);
        assertTrue(curves >= 4, "a loss point per epoch at least: " + curves);
    }

    @Test
    void writesLlmMetricsNextToTheEncoderAlone() {
        Map<String, Double> llm = metrics(result.runId(), "llm");
        assertEquals(ROWS - TEST_FROM, llm.get("n"));
        for (String m : List.of("accuracy", "f1", "invalid", "invalid_rate")) {
            assertTrue(llm.containsKey(m), m + " in " + llm);
        }
        assertEquals(result.llm().metrics().accuracy(), llm.get("accuracy"), 1e-12);
        // The tiny run generates whole answers: a test whose every answer is invalid would prove nothing.
        assertTrue(llm.get("invalid") < ROWS - TEST_FROM, "no answer parsed: " + llm);
        assertEquals(result.llm().invalid(), llm.get("invalid"), 1e-12);
        Map<String, Double> encoder = metrics(ENCODER, "segment");
        assertEquals(0.8, encoder.get("accuracy"), 1e-12, "8 of 10 test rows right by construction");
        assertEquals(ROWS - TEST_FROM, encoder.get("n"));
    }

    @Test
    void recordLevelMetricsEqualWindowLevelWhenEveryRecordHasOneWindow() {
        Map<String, Double> llm = metrics(result.runId(), "llm");
        Map<String, Double> llmRecords = metrics(result.runId(), "llm-record");
        Map<String, Double> encoderRecords = metrics(ENCODER, "record");
        for (String m : List.of("n", "accuracy", "precision", "recall", "f1", "invalid")) {
            assertEquals(llm.get(m), llmRecords.get(m), 1e-12, m);
        }
        // one answer per record: an invalid answer is an invalid record, and no record can tie
        assertEquals(llm.get("invalid"), llmRecords.get("invalid_answers"), 1e-12);
        assertEquals(0.0, llmRecords.get("ties"), 1e-12);
        assertEquals(0.8, encoderRecords.get("accuracy"), 1e-12);
    }

    @Test
    void writesOnePredictionPerTestRowConsistentWithTheMetrics() {
        List<Row> rows = lake.read(Table.ECG_PREDICTIONS)
                .filter(col("run_id").equalTo(result.runId()))
                .collectAsList();
        assertEquals(ROWS - TEST_FROM, rows.size());
        int correct = 0;
        int invalid = 0;
        for (Row r : rows) {
            double prob = r.getAs("prob");
            assertTrue(Arrays.asList(0.0, 0.5, 1.0).contains(prob), "prob " + prob);
            int label = r.getAs("label");
            assertEquals(labels[Integer.parseInt(((String) r.getAs("record_id")).substring(1))], label);
            correct += (int) r.getAs("pred") == label ? 1 : 0;
            invalid += prob == 0.5 ? 1 : 0;
        }
        assertEquals(result.llm().metrics().accuracy(), correct / (double) rows.size(), 1e-12);
        assertEquals(result.llm().invalid(), invalid);
    }
}
