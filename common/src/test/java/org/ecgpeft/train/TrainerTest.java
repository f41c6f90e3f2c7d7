package org.ecgpeft.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    private static final SegmentDataset TRAIN = TinyModel.separable(256, 16, 1);
    private static final SegmentDataset VAL = TinyModel.separable(128, 16, 2);
    private static final SegmentDataset SMALL = TinyModel.separable(64, 16, 4);

    private static TrainerConfig config(
            int epochs, int batch, int accumulation, double clip, boolean weighting, boolean oversample, int patience) {
        return new TrainerConfig(
                epochs,
                batch,
                accumulation,
                3e-3,
                AdamWOptions.withWeightDecay(0.01),
                LrSchedule.Kind.LINEAR,
                0.1,
                clip,
                weighting,
                oversample,
                patience,
                42,
                8,
                64);
    }

    @Test
    void tinyModelLearnsASeparableTaskAndReportsCurves() {
        try (NDManager m = NDManager.newBaseManager()) {
            TinyModel model = new TinyModel(m, 16, 8, 0.1f, 3);
            long t0 = System.nanoTime();
            TrainingResult r =
                    new Trainer(config(6, 32, 1, 1.0, true, false, 0), InputPreparer.identity()).fit(model, TRAIN, VAL);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(r.bestF1() > 0.9, "F1 " + r.bestF1());
            assertTrue(seconds < 10, "took " + seconds + " s");
            assertEquals(6, r.epochsRun());
            assertEquals(6 * 8, r.steps());
            assertEquals(6 * (2 + Trainer.CURVE_METRICS.size()), r.curves().size());
            List<TrainingCurve> trainLoss =
                    r.curves().stream().filter(c -> c.split().equals("train")).toList();
            assertTrue(trainLoss.get(5).loss() < trainLoss.get(0).loss());
            // The model is left with the best epoch's weights.
            double f1 = org.ecgpeft.eval.BinaryMetrics.compute(
                            VAL.labels(),
                            new BatchPredictor(InputPreparer.identity(), 64)
                                    .predict(model, VAL)
                                    .labels(),
                            new BatchPredictor(InputPreparer.identity(), 64)
                                    .predict(model, VAL)
                                    .probabilities())
                    .f1();
            assertEquals(r.bestF1(), f1, 1e-9);
        }
    }

    @Test
    void trainingLeavesNoArraysBehind() {
        try (NDManager m = NDManager.newBaseManager()) {
            TinyModel model = new TinyModel(m, 16, 8, 0.1f, 3);
            int before = m.getManagedArrays().size();
            new Trainer(config(2, 16, 2, 1.0, true, true, 0), InputPreparer.identity()).fit(model, SMALL, VAL);
            assertEquals(before, m.getManagedArrays().size());
        }
    }

    @Test
    void accumulatingTwoHalfBatchesEqualsOneFullBatchRun() {
        try (NDManager m = NDManager.newBaseManager()) {
            TinyModel full = new TinyModel(m, 16, 8, 0f, 3);
            TinyModel halves = new TinyModel(m, 16, 8, 0f, 3);
            new Trainer(config(1, 32, 1, 0, false, false, 0), InputPreparer.identity()).fit(full, SMALL, VAL);
            new Trainer(config(1, 16, 2, 0, false, false, 0), InputPreparer.identity()).fit(halves, SMALL, VAL);
            assertArrayEquals(
                    full.fc1.weight().getArray().toFloatArray(),
                    halves.fc1.weight().getArray().toFloatArray(),
                    1e-5f);
            assertArrayEquals(
                    full.fc2.bias().getArray().toFloatArray(),
                    halves.fc2.bias().getArray().toFloatArray(),
                    1e-5f);
        }
    }

    @Test
    void resumeFromACheckpointEqualsAnUninterruptedRun(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            TrainerConfig cfg = config(3, 16, 2, 1.0, true, true, 0);
            TinyModel straight = new TinyModel(m, 16, 8, 0.2f, 9);
            TrainingResult a =
                    new Trainer(cfg, InputPreparer.identity()).fit(straight, SMALL, VAL, dir.resolve("a"), s -> true);

            TinyModel first = new TinyModel(m, 16, 8, 0.2f, 9);
            TrainingResult partial = new Trainer(cfg, InputPreparer.identity())
                    .fit(first, SMALL, VAL, dir.resolve("b"), s -> s.epochsDone() < 1);
            assertEquals(1, partial.epochsRun());
            assertTrue(Files.isRegularFile(dir.resolve("b/epoch-001/optimizer.safetensors")));
            assertTrue(Files.isRegularFile(dir.resolve("b/best/trainable.safetensors")));
            // A fresh process: a model with different weights, resumed from the checkpoint.
            TinyModel resumed = new TinyModel(m, 16, 8, 0.2f, 1234);
            TrainingResult b =
                    new Trainer(cfg, InputPreparer.identity()).fit(resumed, SMALL, VAL, dir.resolve("b"), s -> true);

            assertSameRun(a, straight, b, resumed);
        }
    }

    /** A resumed run ends where the uninterrupted one does: the same curves, steps, best epoch and every weight. */
    private static void assertSameRun(TrainingResult a, TinyModel straight, TrainingResult b, TinyModel resumed) {
        assertEquals(a.curves(), b.curves());
        assertEquals(a.steps(), b.steps());
        assertEquals(a.bestEpoch(), b.bestEpoch());
        assertEquals(
                straight.namedParameters().keySet(), resumed.namedParameters().keySet());
        for (Map.Entry<String, Parameter> e : straight.namedParameters().entrySet()) {
            assertArrayEquals(
                    e.getValue().getArray().toFloatArray(),
                    resumed.namedParameters().get(e.getKey()).getArray().toFloatArray(),
                    0f,
                    e.getKey());
        }
    }

    /** The model as the trainer sees it, killed (an exception) at its {@code killAt}-th training forward pass. */
    private static TrainableModel killedAt(TinyModel model, int killAt) {
        int[] forwards = {0};
        return new TrainableModel() {
            @Override
            public NDArray forward(NDArray input, boolean training) {
                if (training && ++forwards[0] == killAt) {
                    throw new IllegalStateException("killed");
                }
                return model.forward(input, training);
            }

            @Override
            public Map<String, Parameter> trainableParameters() {
                return model.trainableParameters();
            }

            @Override
            public NDManager manager() {
                return model.manager();
            }
        };
    }

    /**
     * Killed in the middle of epoch 3 (at its second micro-batch), a fresh model resumed on the same checkpoint
     * root replays epoch 3 from the epoch-2 checkpoint and ends bit for bit where an uninterrupted run does;
     * best/ and the latest epoch checkpoint agree at every point.
     */
    @Test
    void aRunKilledMidEpochResumesToTheSameWeightsBitForBit(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            TrainerConfig cfg = config(4, 16, 2, 1.0, true, true, 0);
            TinyModel straight = new TinyModel(m, 16, 8, 0.2f, 9);
            TrainingResult a =
                    new Trainer(cfg, InputPreparer.identity()).fit(straight, SMALL, VAL, dir.resolve("a"), s -> true);

            TinyModel killed = new TinyModel(m, 16, 8, 0.2f, 9);
            int microBatchesPerEpoch = (new EpochSampler(SMALL.labels(), 42, true).epochSize() + 15) / 16;
            IllegalStateException e = assertThrows(
                    IllegalStateException.class,
                    () -> new Trainer(cfg, InputPreparer.identity())
                            .fit(
                                    killedAt(killed, 2 * microBatchesPerEpoch + 2),
                                    SMALL,
                                    VAL,
                                    dir.resolve("b"),
                                    s -> true));
            assertEquals("killed", e.getMessage());
            assertTrue(Files.isDirectory(dir.resolve("b/epoch-002")));
            assertFalse(Files.exists(dir.resolve("b/epoch-003")));
            JsonNode latest = new ObjectMapper()
                    .readTree(dir.resolve("b/epoch-002/state.json").toFile());
            JsonNode best =
                    new ObjectMapper().readTree(dir.resolve("b/best/state.json").toFile());
            assertEquals(
                    latest.at("/state/bestEpoch").asInt(),
                    best.at("/state/epochsDone").asInt());

            TinyModel resumed = new TinyModel(m, 16, 8, 0.2f, 1234);
            TrainingResult b =
                    new Trainer(cfg, InputPreparer.identity()).fit(resumed, SMALL, VAL, dir.resolve("b"), s -> true);
            assertSameRun(a, straight, b, resumed);
            assertArrayEquals(
                    Files.readAllBytes(dir.resolve("a/best/trainable.safetensors")),
                    Files.readAllBytes(dir.resolve("b/best/trainable.safetensors")));
        }
    }

    @Test
    void aResumeWithOtherSettingsIsRefusedNamingTheCheckpoint(@TempDir Path dir) {
        try (NDManager m = NDManager.newBaseManager()) {
            new Trainer(config(1, 16, 1, 1.0, true, false, 0), InputPreparer.identity())
                    .fit(new TinyModel(m, 16, 8, 0f, 3), SMALL, VAL, dir, s -> true);
            IllegalStateException e = assertThrows(
                    IllegalStateException.class,
                    () -> new Trainer(config(2, 16, 1, 1.0, true, false, 0), InputPreparer.identity())
                            .fit(new TinyModel(m, 16, 8, 0f, 3), SMALL, VAL, dir, s -> true));
            assertTrue(
                    e.getMessage().contains("epoch-001") && e.getMessage().contains("trainer settings"),
                    e.getMessage());
        }
    }

    @Test
    void earlyStoppingEndsTheRunAfterPatienceEpochsWithoutImprovement() {
        EarlyStopping s = new EarlyStopping(2, 0.0);
        assertTrue(s.update(1, 0.5));
        assertTrue(s.update(2, 0.7));
        assertFalse(s.update(3, 0.7));
        assertFalse(s.shouldStop());
        assertFalse(s.update(4, 0.6));
        assertTrue(s.shouldStop());
        assertEquals(2, s.bestEpoch());
        assertEquals(0.7, s.best());
        try (NDManager m = NDManager.newBaseManager()) {
            // A learning rate too small to change predictions: F1 never improves after epoch 1.
            TrainerConfig frozen = new TrainerConfig(
                    10,
                    64,
                    1,
                    1e-9,
                    AdamWOptions.withWeightDecay(0),
                    LrSchedule.Kind.CONSTANT,
                    0,
                    0,
                    false,
                    false,
                    2,
                    1,
                    100,
                    64);
            TrainingResult r =
                    new Trainer(frozen, InputPreparer.identity()).fit(new TinyModel(m, 16, 8, 0f, 3), SMALL, VAL);
            assertTrue(r.stoppedEarly());
            assertEquals(3, r.epochsRun());
            assertEquals(1, r.bestEpoch());
        }
    }

    @Test
    void samplerIsSeededAndOversamplingBalancesClasses() {
        int[] labels = {0, 0, 0, 0, 0, 0, 1, 1};
        EpochSampler s = new EpochSampler(labels, 5, true);
        assertArrayEquals(s.order(3), new EpochSampler(labels, 5, true).order(3));
        assertFalse(java.util.Arrays.equals(s.order(0), s.order(1)));
        int[] order = s.order(0);
        assertEquals(12, order.length);
        assertEquals(12, s.epochSize());
        assertEquals(
                6, java.util.Arrays.stream(order).filter(i -> labels[i] == 1).count());
        int[] plain = new EpochSampler(labels, 5, false).order(0);
        assertArrayEquals(
                new int[] {0, 1, 2, 3, 4, 5, 6, 7},
                java.util.Arrays.stream(plain).sorted().toArray());
    }
}
