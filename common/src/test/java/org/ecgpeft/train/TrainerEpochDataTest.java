package org.ecgpeft.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerEpochDataTest {

    private static final SegmentDataset VAL = TinyModel.separable(64, 16, 2);

    private static TrainerConfig config(int epochs) {
        return new TrainerConfig(
                epochs,
                16,
                1,
                3e-3,
                AdamWOptions.withWeightDecay(0.01),
                LrSchedule.Kind.LINEAR,
                0.1,
                1.0,
                false,
                false,
                0,
                42,
                8,
                64);
    }

    @Test
    void eachEpochTrainsOnTheRowsGivenForIt() {
        List<Integer> asked = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            TrainingResult r = new Trainer(config(3), InputPreparer.identity())
                    .fit(
                            new TinyModel(m, 16, 8, 0f, 3),
                            epoch -> {
                                asked.add(epoch);
                                // Same labels every epoch, fresh noise: as a random crop per epoch would give.
                                SegmentDataset fresh = TinyModel.separable(64, 16, 100 + epoch);
                                return new SegmentDataset(
                                        fresh.segments(),
                                        TinyModel.separable(64, 16, 100).labels(),
                                        100);
                            },
                            VAL,
                            null,
                            s -> true);
            assertEquals(3, r.epochsRun());
        }
        assertEquals(List.of(0, 1, 2), asked);
    }

    @Test
    void epochRowsWithOtherLabelsAreRejected() {
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> new Trainer(config(2), InputPreparer.identity())
                            .fit(
                                    new TinyModel(m, 16, 8, 0f, 3),
                                    epoch -> TinyModel.separable(64, 16, epoch),
                                    VAL,
                                    null,
                                    s -> true));
            assertTrue(e.getMessage().contains("epoch 1"), e.getMessage());
        }
    }
}
