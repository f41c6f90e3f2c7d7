package org.ecgpeft.jobs.features;

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
import org.ecgpeft.train.mscnn.MsCnnCheckpoint;

/** A small random-init MS-CNN checkpoint (2,400-sample windows, 32-d features) and direct inference on it. */
final class EncoderFixture {
    static final MsCnnConfig CONFIG = new MsCnnConfig(2400, 3, 5, List.of(8, 16), List.of(1, 1), 16, 0.3f, 2);

    private EncoderFixture() {}

    /** Writes a checkpoint with seeded random weights into {@code dir}. */
    static void write(Path dir, int seed) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(seed);
            MsCnn model = new MsCnn(CONFIG);
            model.materialize(manager, DataType.FLOAT32, true);
            MsCnnCheckpoint.save(dir, model);
        }
    }

    /** Seeded random windows of the checkpoint's length. */
    static float[][] windows(int n, long seed) {
        Random random = new Random(seed);
        float[][] out = new float[n][CONFIG.inputLength()];
        for (float[] w : out) {
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (Math.sin(i * 0.05 * (1 + random.nextInt(3))) + 0.3 * random.nextGaussian());
            }
        }
        return out;
    }

    /** Features and AF probability of each window, computed directly (one window at a time) on a fresh load. */
    static float[][] direct(Path dir, float[][] windows, double[] afProbabilities) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            MsCnn model = MsCnnCheckpoint.load(dir, manager);
            float[][] out = new float[windows.length][];
            for (int i = 0; i < windows.length; i++) {
                NDArray x = manager.create(windows[i], new Shape(1, 1, windows[i].length));
                MsCnn.Output o = model.forward(x, false);
                out[i] = o.features().toFloatArray();
                afProbabilities[i] = o.logits().softmax(1).toFloatArray()[1];
            }
            return out;
        }
    }
}
