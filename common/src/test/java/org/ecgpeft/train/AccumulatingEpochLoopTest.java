package org.ecgpeft.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AccumulatingEpochLoopTest {

    private static final SegmentDataset DATA = TinyModel.separable(64, 16, 7);
    private static final int[] ORDER = IntStream.range(0, 64).toArray();

    private static AccumulatingEpochLoop loop(AdamW optimizer, int logEvery, HostReads reads) {
        LrSchedule schedule = new LrSchedule(LrSchedule.Kind.CONSTANT, 1e-2, 0, 100);
        return new AccumulatingEpochLoop(
                optimizer,
                schedule,
                new ProgressLog(LoggerFactory.getLogger(AccumulatingEpochLoopTest.class), logEvery, 100),
                8,
                1,
                1.0,
                reads);
    }

    private static AccumulatingEpochLoop.BatchLoss loss(TinyModel model, float scale) {
        WeightedCrossEntropy ce = new WeightedCrossEntropy(null);
        return (step, rows) -> {
            int[] labels = IntStream.of(rows).map(r -> DATA.labels()[r]).toArray();
            return ce.loss(model.forward(InputPreparer.identity().prepare(step, DATA, rows), true), labels, 1.0)
                    .mul(scale);
        };
    }

    /** 8 steps with progress every 3: reads at steps 3 and 6 and one at the end of the epoch, none in between. */
    @Test
    void theDeviceIsReadOnlyWhenProgressIsDueAndAtTheEndOfTheEpoch() {
        try (NDManager m = NDManager.newBaseManager()) {
            TinyModel model = new TinyModel(m, 16, 8, 0f, 3);
            HostReads reads = new HostReads();
            try (AdamW optimizer = new AdamW(model.trainableParameters(), AdamWOptions.withWeightDecay(0.01))) {
                double mean = loop(optimizer, 3, reads).run(m, ORDER, 1, loss(model, 1f), (s, w) -> {});
                assertEquals(8, optimizer.steps());
                assertEquals(3, reads.count());
                assertTrue(mean > 0 && mean < 2, "mean loss " + mean);
                HostReads quiet = new HostReads();
                loop(optimizer, 1000, quiet).run(m, ORDER, 2, loss(model, 1f), (s, w) -> {});
                assertEquals(1, quiet.count(), "one read per epoch when no progress line is due");
            }
        }
    }

    @Test
    void nonFiniteStepsNeverReachTheWeightsAndTenInARowStopTheRun() {
        try (NDManager m = NDManager.newBaseManager()) {
            TinyModel model = new TinyModel(m, 16, 8, 0f, 3);
            float[] before = model.fc1.weight().getArray().toFloatArray();
            try (AdamW optimizer = new AdamW(model.trainableParameters(), AdamWOptions.withWeightDecay(0.01))) {
                AccumulatingEpochLoop nanLoop = loop(optimizer, 4, new HostReads());
                IllegalStateException e = assertThrows(
                        IllegalStateException.class,
                        () -> nanLoop.run(
                                m,
                                IntStream.range(0, 96).map(i -> i % 64).toArray(),
                                1,
                                loss(model, Float.NaN),
                                (s, w) -> {}));
                assertTrue(
                        e.getMessage().contains("12 steps in a row")
                                && e.getMessage().contains("non-finite"),
                        e.getMessage());
                assertArrayEquals(before, model.fc1.weight().getArray().toFloatArray(), 0f);
                assertArrayEquals(
                        new float[] {12, 12, 12}, optimizer.nonFinite().toFloatArray(), 0f);
            }
        }
    }

    @Test
    void skippedStepsAreLeftOutOfTheMeanLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            TinyModel model = new TinyModel(m, 16, 8, 0f, 3);
            try (AdamW optimizer = new AdamW(model.trainableParameters(), AdamWOptions.withWeightDecay(0.01))) {
                int[] calls = {0};
                AccumulatingEpochLoop.BatchLoss finite = loss(model, 1f);
                AccumulatingEpochLoop.BatchLoss everyOtherNaN = (step, rows) -> {
                    calls[0]++;
                    return calls[0] % 2 == 0 ? finite.loss(step, rows).mul(Float.NaN) : finite.loss(step, rows);
                };
                double mean = loop(optimizer, 1000, new HostReads()).run(m, ORDER, 1, everyOtherNaN, (s, w) -> {});
                assertTrue(Double.isFinite(mean) && mean > 0, "mean " + mean);
                assertArrayEquals(new float[] {4, 1, 1}, optimizer.nonFinite().toFloatArray(), 0f);
            }
        }
    }
}
