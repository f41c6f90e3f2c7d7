package org.ecgpeft.peft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.ecgpeft.train.BatchPredictor;
import org.ecgpeft.train.InputPreparer;
import org.ecgpeft.train.SegmentDataset;
import org.ecgpeft.train.TrainableModel;
import org.ecgpeft.train.Trainer;
import org.ecgpeft.train.TrainerConfig;
import org.ecgpeft.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LoRA through the trainer: only the adapter and head move, and the saved adapter reproduces the predictions. */
class LoraTrainingTest {

    /** Segments of 4 frames x 8 features flattened; class 1 has a positive offset on feature 0. */
    private static SegmentDataset data(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] x = new float[n][32];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(2);
            for (int j = 0; j < 32; j++) {
                x[i][j] = (float) (rng.nextGaussian() * 0.5 + (j % 8 == 0 && y[i] == 1 ? 1.5 : 0));
            }
        }
        return new SegmentDataset(x, y, 100);
    }

    @Test
    void loraAndHeadLearnWhileTheBaseStaysFrozenAndTheAdapterRoundTrips(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            TestNets.Classifier net = new TestNets.Classifier(8, 4, 2);
            net.materialize(m, DataType.FLOAT32, true);
            LoraConfig config = LoraConfig.of(4, 8, 0.1, List.of("q_proj", "v_proj"), List.of("classifier"));
            Lora.apply(net, config);
            float[] base = net.layers[0].q.weight().getArray().toFloatArray();
            TrainableModel model = TrainableModel.of(net, (x, training) -> net.forward(x.reshape(-1, 4, 8), training));
            TrainingResult r = new Trainer(TrainerConfig.defaults(4, 16, 1e-2, 5), InputPreparer.identity())
                    .fit(model, data(192, 1), data(96, 2));
            assertTrue(r.bestF1() > 0.9, "F1 " + r.bestF1());
            assertArrayEquals(base, net.layers[0].q.weight().getArray().toFloatArray(), 0f);
            float[] b = net.layers[0].q.delta() instanceof LoraLinear l
                    ? l.loraB().weight().getArray().toFloatArray()
                    : null;
            assertTrue(b != null && maxAbs(b) > 0, "lora_B moved away from zero");

            LoraAdapterFiles.save(dir, net, config);
            Engine.getInstance().setRandomSeed(3);
            TestNets.Classifier fresh = new TestNets.Classifier(8, 4, 2);
            fresh.materialize(m, DataType.FLOAT32, true);
            LoraAdapterFiles.load(dir, fresh);
            BatchPredictor predictor = new BatchPredictor(InputPreparer.identity(), 32);
            SegmentDataset test = data(32, 9);
            double[] expected = predictor.predict(model, test).probabilities();
            double[] actual = predictor
                    .predict(TrainableModel.of(fresh, (x, t) -> fresh.forward(x.reshape(-1, 4, 8), t)), test)
                    .probabilities();
            assertArrayEquals(expected, actual, 1e-6);
        }
    }

    private static float maxAbs(float[] a) {
        float max = 0;
        for (float v : a) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
