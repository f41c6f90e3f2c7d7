package org.ecgpeft.train.mscnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ecgpeft.model.mscnn.MsCnn;
import org.ecgpeft.model.mscnn.MsCnnConfig;
import org.ecgpeft.signal.RecordSplitter;
import org.ecgpeft.signal.RecordSplitter.Split;
import org.ecgpeft.train.TrainableModel;
import org.ecgpeft.train.mscnn.MsCnnTrainingConfig.Balance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MsCnnTrainingTest {

    /** A tiny MS-CNN over 4-s windows: small enough to train in seconds on a shared CPU. */
    private static final MsCnnConfig TINY =
            new MsCnnConfig(1200, 3, 7, List.of(8, 16, 32), List.of(1, 1, 1), 16, 0.1f, 2);

    @Test
    void tinyMsCnnLearnsSyntheticAfAndItsCheckpointReproducesTheFigures(@TempDir Path out) throws Exception {
        List<AfRecord> records = SyntheticAf.records(160, 10, 0.3, 5);
        MsCnnTrainingConfig config = new MsCnnTrainingConfig(
                TINY, 300, 6, 16, 3e-3, 1e-4, 0.05, Balance.OVERSAMPLE, 0, 600, 64, true, 11, 1000);
        MsCnnTrainingSummary summary;
        try (NDManager m = NDManager.newBaseManager()) {
            summary = new MsCnnTraining(config).run(records, RecordSplitter.standard(11), out, m);
        }
        assertTrue(
                summary.training().bestF1() > 0.8,
                "validation F1 " + summary.training().bestF1());
        SplitEvaluation test = summary.figures().atHalf().get(Split.TEST);
        assertTrue(test.record().f1() > 0.8, "test record F1 " + test.record().f1());
        assertEquals(summary.records().get(Split.TEST), test.records());

        // The saved best model reproduces the validation figures the trainer selected it by.
        EvaluationWindows val =
                EvaluationWindows.of(RecordSplitter.standard(11).split(records).get(Split.VAL), 1200, 600, 300);
        try (NDManager m = NDManager.newBaseManager()) {
            MsCnn loaded = MsCnnCheckpoint.load(summary.checkpoint(), m);
            SplitEvaluation again = new EncoderEvaluator(64)
                    .evaluate(
                            TrainableModel.of(
                                    loaded, (x, t) -> loaded.forward(x, t).logits()),
                            val);
            assertEquals(summary.training().bestF1(), again.segment().f1(), 1e-9);
            assertEquals(summary.figures().atHalf().get(Split.VAL).segment(), again.segment());
        }

        Path json = SummaryReport.writeJson(summary, out);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(test.record().f1(), root.at("/metrics/test/record/f1").asDouble(), 1e-12);
        assertEquals(
                summary.records().get(Split.TRAIN),
                root.at("/split/train/records").asInt());
        assertEquals(7, root.at("/config/model/kernelStream2").asInt());
        assertEquals(
                summary.figures().tunedThreshold(), root.at("/tuned_threshold").asDouble(), 1e-12);
        assertTrue(summary.figures().tuned().get(Split.VAL).record().f1()
                >= summary.figures().atHalf().get(Split.VAL).record().f1());
        String table = SummaryReport.table(summary);
        assertTrue(table.contains("test   record"), table);
        assertTrue(Files.isRegularFile(out.resolve("model").resolve(MsCnnCheckpoint.WEIGHTS)));
    }

    /**
     * A kill during epoch 3 leaves the epoch-2 checkpoint and at most a half-written epoch-3 folder (and no
     * model yet); started again, the run resumes from epoch 2 and saves a model identical, byte for byte, to
     * the uninterrupted run's (weights, BatchNorm statistics, curves).
     */
    @Test
    void aKilledRunResumesToTheSameModelBitForBit(@TempDir Path out) throws Exception {
        List<AfRecord> records = SyntheticAf.records(48, 6, 0.3, 8);
        List<AfRecord> train = records.subList(0, 36);
        EvaluationWindows val = EvaluationWindows.of(records.subList(36, 48), 1200, 600, 300);
        MsCnnTrainingConfig config = new MsCnnTrainingConfig(
                TINY, 300, 3, 12, 3e-3, 1e-4, 0.05, Balance.OVERSAMPLE, 0, 600, 64, false, 11, 1000);
        MsCnnTraining.Fitted straight;
        try (NDManager m = NDManager.newBaseManager()) {
            straight = new MsCnnTraining(config).fit(train, val.data(), out.resolve("a/model"), m);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            new MsCnnTraining(config).fit(train, val.data(), out.resolve("b/model"), m);
        }
        Path epochs = out.resolve("b/model" + MsCnnTraining.TRAINING_SUFFIX);
        assertTrue(Files.isRegularFile(epochs.resolve("epoch-002/trainable.safetensors")));
        // The state of a kill in epoch 3: its checkpoint half written, no model yet.
        deleteTree(epochs.resolve("epoch-003"));
        Files.createDirectories(epochs.resolve(".epoch-003.tmp"));
        Files.writeString(epochs.resolve(".epoch-003.tmp/trainable.safetensors"), "half");
        deleteTree(out.resolve("b/model"));

        MsCnnTraining.Fitted resumed;
        try (NDManager m = NDManager.newBaseManager()) {
            resumed = new MsCnnTraining(config).fit(train, val.data(), out.resolve("b/model"), m);
        }
        assertEquals(straight.training().curves(), resumed.training().curves());
        assertEquals(straight.training().bestEpoch(), resumed.training().bestEpoch());
        byte[] expected = Files.readAllBytes(out.resolve("a/model").resolve(MsCnnCheckpoint.WEIGHTS));
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                expected, Files.readAllBytes(out.resolve("b/model").resolve(MsCnnCheckpoint.WEIGHTS)));
        assertTrue(Files.isDirectory(epochs.resolve("epoch-003")) && !Files.exists(epochs.resolve(".epoch-003.tmp")));
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
