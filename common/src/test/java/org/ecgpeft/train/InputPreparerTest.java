package org.ecgpeft.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class InputPreparerTest {

    /** Sample-and-hold upsampling by an integer factor: enough to check rates and placement. */
    private static final ResampleFunction HOLD = (x, from, to) -> {
        int k = (int) Math.round(to / from);
        float[] y = new float[x.length * k];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i / k];
        }
        return y;
    };

    private static final SegmentDataset DATA =
            new SegmentDataset(new float[][] {{1, 2}, {3, 4}, {5, 6}}, new int[] {0, 1, 0}, 250);

    @Test
    void ecgFmPutsTheResampledLeadAtItsIndexAndZerosElsewhere() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray batch = InputPreparer.ecgFm(HOLD, 1).prepare(m, DATA, new int[] {2, 0});
            assertEquals(new Shape(2, 12, 4), batch.getShape());
            assertArrayEquals(new float[] {5, 5, 6, 6}, batch.get(0, 1).toFloatArray());
            assertArrayEquals(new float[] {1, 1, 2, 2}, batch.get(1, 1).toFloatArray());
            assertEquals(0f, batch.get(":, 0").abs().sum().getFloat());
            assertEquals(0f, batch.get(":, 2:").abs().sum().getFloat());
        }
    }

    @Test
    void audioModelsGetOneChannelAt16kHzAndIdentityKeepsTheRate() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray audio = InputPreparer.audio16k(HOLD).prepare(m, DATA, new int[] {1});
            assertEquals(new Shape(1, 128), audio.getShape());
            assertEquals(3f, audio.getFloat(0, 63));
            assertEquals(4f, audio.getFloat(0, 64));
            assertArrayEquals(
                    new float[] {3, 4},
                    InputPreparer.identity().prepare(m, DATA, new int[] {1}).toFloatArray());
            assertThrows(IllegalArgumentException.class, () -> InputPreparer.ecgFm(HOLD, 12));
        }
    }

    @Test
    void defaultPreparersUseTheSignalResamplerAtTheModelsRates() {
        float[] segment = new float[600];
        java.util.Arrays.fill(segment, 0.5f);
        SegmentDataset cinc = new SegmentDataset(new float[][] {segment}, new int[] {1}, 300);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray audio = InputPreparer.audio16k().prepare(m, cinc, new int[] {0});
            assertEquals(new Shape(1, 32_000), audio.getShape());
            // A constant stays constant through a unit-DC-gain low-pass resampler.
            assertEquals(0.5f, audio.getFloat(0, 16_000), 1e-4f);
            NDArray ecg = InputPreparer.ecgFm(0).prepare(m, cinc, new int[] {0});
            assertEquals(new Shape(1, 12, 1000), ecg.getShape());
            assertEquals(0.5f, ecg.getFloat(0, 0, 500), 1e-4f);
        }
    }
}
