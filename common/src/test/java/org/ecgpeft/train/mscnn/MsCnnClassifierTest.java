package org.ecgpeft.train.mscnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.ecgpeft.model.mscnn.MsCnn;
import org.ecgpeft.model.mscnn.MsCnnConfig;
import org.ecgpeft.train.ConcurrentScoring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MsCnnClassifierTest {

    private static final MsCnnConfig SMALL = new MsCnnConfig(600, 3, 5, List.of(4, 8), List.of(1, 2), 6, 0.2f, 2);

    /** Saves a seeded MS-CNN whose BatchNorm statistics moved away from their initial values. */
    private static void save(Path dir, MsCnnConfig config) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(7);
            MsCnn net = new MsCnn(config);
            net.materialize(m, DataType.FLOAT32, true);
            net.forward(
                    m.randomNormal(new Shape(4, config.inputLength())).mul(2).add(1), true);
            MsCnnCheckpoint.save(dir, net);
        }
    }

    private static float[][] windows(int n, int length) {
        Random random = new Random(3);
        float[][] out = new float[n][length];
        for (float[] w : out) {
            for (int i = 0; i < length; i++) {
                w[i] = (float) (Math.sin(i * 0.04 * (1 + random.nextInt(4))) + 0.5 * random.nextGaussian());
            }
        }
        return out;
    }

    @Test
    void probabilitiesEqualTheModelsEvalModeSoftmaxAcrossBatches(@TempDir Path dir) throws IOException {
        save(dir, SMALL);
        // 11 windows in batches of 4: two full batches and a partial one.
        float[][] x = windows(11, 600);
        double[] got;
        try (NDManager m = NDManager.newBaseManager();
                MsCnnClassifier c = MsCnnClassifier.load(dir, m, 4)) {
            assertEquals(600, c.segmentLength());
            got = c.predictProbabilities(x);
            assertEquals(0, c.predictProbabilities(new float[0][]).length);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            MsCnn model = MsCnnCheckpoint.load(dir, m);
            double min = 1;
            double max = 0;
            for (int i = 0; i < x.length; i++) {
                NDArray logits = model.forward(m.create(x[i], new Shape(1, 1, 600)), false)
                        .logits();
                float[] l = logits.toFloatArray();
                double expected = 1 / (1 + Math.exp(l[0] - l[1]));
                assertEquals(expected, got[i], 1e-5, "window " + i);
                min = Math.min(min, got[i]);
                max = Math.max(max, got[i]);
            }
            assertTrue(max - min > 1e-4, "probabilities must depend on the window: " + min + ".." + max);
        }
    }

    @Test
    void concurrentCallersGetTheProbabilitiesOfOneCallerBitForBit(@TempDir Path dir) throws Exception {
        save(dir, SMALL);
        try (NDManager m = NDManager.newBaseManager();
                MsCnnClassifier c = MsCnnClassifier.load(dir, m, 4)) {
            ConcurrentScoring.assertSameAsOneCaller(c, m, windows(9, 600));
        }
    }

    @Test
    void aWindowOfAnotherLengthOrAMissingOneIsRefusedNamingTheExpectedLength(@TempDir Path dir) throws IOException {
        save(dir, SMALL);
        try (NDManager m = NDManager.newBaseManager();
                MsCnnClassifier c = MsCnnClassifier.load(dir, m, 8)) {
            float[][] x = windows(3, 600);
            x[2] = new float[599];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.predictProbabilities(x));
            assertTrue(
                    e.getMessage().contains("segment 2 has 599 samples")
                            && e.getMessage().contains("expects 600"),
                    e.getMessage());
            x[2] = null;
            e = assertThrows(IllegalArgumentException.class, () -> c.predictProbabilities(x));
            assertTrue(e.getMessage().contains("segment 2 has no samples"), e.getMessage());
        }
    }

    @Test
    void aHeadOfMoreThanTwoClassesOrABadBatchSizeIsRefused(@TempDir Path dir) throws IOException {
        save(dir, new MsCnnConfig(600, 3, 5, List.of(4, 8), List.of(1, 2), 6, 0.2f, 3));
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> MsCnnClassifier.load(dir, m, 8));
            assertTrue(e.getMessage().contains("3 classes"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> MsCnnClassifier.load(dir, m, 0));
            assertTrue(m.getManagedArrays().isEmpty(), "a refused load frees its arrays");
        }
    }
}
