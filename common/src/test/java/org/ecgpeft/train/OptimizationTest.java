package org.ecgpeft.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.ecgpeft.model.nn.Linear;
import org.junit.jupiter.api.Test;

class OptimizationTest {

    /** Sets the gradient of {@code p} to {@code g} by back-propagating sum(p * g). */
    private static void setGradient(NDArray p, float[] g) {
        try (NDManager sub = p.getManager().newSubManager();
             GradientCollector c = Engine.getInstance().newGradientCollector()) {
            NDArray coef = sub.create(g, p.getShape());
            c.backward(p.mul(coef).sum());
        }
    }

    @Test
    void adamwMatchesPyTorchsFormulaOverTwoStepsAndSkipsDecayOnBiases() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear lin = new Linear(2, 1, true);
            lin.materialize(m, ai.djl.ndarray.types.DataType.FLOAT32, false);
            lin.weight().getArray().set(new float[] {1f, -2f});
            lin.bias().getArray().set(new float[] {0.5f});
            Map<String, Parameter> params = lin.trainableParameters();
            double lr = 0.1;
            double wd = 0.01;
            double b1 = 0.9;
            double b2 = 0.999;
            double eps = 1e-8;
            double[] w = {1, -2};
            double[] b = {0.5};
            double[][] grads = {{0.5, 0.1}, {-0.2, 0.3}};
            double[] gb = {0.25, -1};
            double[] mw = new double[2];
            double[] vw = new double[2];
            double[] mb = new double[1];
            double[] vb = new double[1];
            try (AdamW opt = new AdamW(params, new AdamWOptions(b1, b2, eps, wd, false))) {
                assertTrue(opt.decays("weight"));
                assertFalse(opt.decays("bias"));
                assertFalse(opt.decays("encoder.layer_norm.weight"));
                for (int t = 1; t <= 2; t++) {
                    setGradient(lin.weight().getArray(), new float[] {(float) grads[t - 1][0], (float) grads[t - 1][1]});
                    setGradient(lin.bias().getArray(), new float[] {(float) gb[t - 1]});
                    opt.step(lr);
                    opt.zeroGradients();
                    torchAdamW(w, grads[t - 1], mw, vw, t, lr, wd, b1, b2, eps);
                    torchAdamW(b, new double[] {gb[t - 1]}, mb, vb, t, lr, 0, b1, b2, eps);
                }
                assertEquals(2, opt.steps());
            }
            assertArrayEquals(new float[] {(float) w[0], (float) w[1]}, lin.weight().getArray().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {(float) b[0]}, lin.bias().getArray().toFloatArray(), 1e-6f);
            try (NDArray g = lin.weight().getArray().getGradient()) {
                assertArrayEquals(new float[] {0f, 0f}, g.toFloatArray(), 0f);
            }
        }
    }

    /** torch.optim.AdamW's single-tensor update, in double precision. */
    private static void torchAdamW(double[] p, double[] g, double[] m, double[] v, int t, double lr, double wd,
                                   double b1, double b2, double eps) {
        double bc1 = 1 - Math.pow(b1, t);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(b2, t));
        for (int i = 0; i < p.length; i++) {
            p[i] *= 1 - lr * wd;
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            p[i] -= lr / bc1 * m[i] / (Math.sqrt(v[i]) / bc2Sqrt + eps);
        }
    }

    /** First step by hand: m-hat = g and v-hat = g^2, so the update is lr * sign(g) after the decay. */
    @Test
    void firstAdamwStepIsLrTimesSignAfterDecay() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear lin = new Linear(2, 1, false);
            lin.materialize(m, ai.djl.ndarray.types.DataType.FLOAT32, false);
            lin.weight().getArray().set(new float[] {1f, -2f});
            try (AdamW opt = new AdamW(lin.trainableParameters(), AdamWOptions.withWeightDecay(0.01))) {
                setGradient(lin.weight().getArray(), new float[] {0.5f, -3f});
                opt.step(0.1);
            }
            assertArrayEquals(new float[] {0.999f - 0.1f, -1.998f + 0.1f}, lin.weight().getArray().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void scheduleValuesFollowHfWarmupAndDecay() {
        LrSchedule linear = new LrSchedule(LrSchedule.Kind.LINEAR, 1e-3, 10, 110);
        assertEquals(0.0, linear.lr(0), 0);
        assertEquals(5e-4, linear.lr(5), 1e-15);
        assertEquals(1e-3, linear.lr(10), 1e-15);
        assertEquals(5e-4, linear.lr(60), 1e-15);
        assertEquals(0.0, linear.lr(110), 0);
        LrSchedule cosine = new LrSchedule(LrSchedule.Kind.COSINE, 1e-3, 10, 110);
        assertEquals(1e-3, cosine.lr(10), 1e-15);
        assertEquals(5e-4, cosine.lr(60), 1e-15);
        assertEquals(1e-3 * 0.5 * (1 + Math.cos(Math.PI * 0.25)), cosine.lr(35), 1e-15);
        assertEquals(1e-3, new LrSchedule(LrSchedule.Kind.CONSTANT, 1e-3, 0, 5).lr(4), 0);
        assertThrows(IllegalArgumentException.class, () -> new LrSchedule(LrSchedule.Kind.LINEAR, 1e-3, 20, 10));
    }

    @Test
    void clippingScalesToTheGlobalNormOnlyWhenAbove() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {3f});
            NDArray b = m.create(new float[] {0f, 4f});
            try (NDArray norm = GradientClipping.clipGlobalNorm(List.of(a, b), 1.0)) {
                assertEquals(5f, norm.getFloat(), 1e-6f);
            }
            assertArrayEquals(new float[] {0.6f}, a.toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0f, 0.8f}, b.toFloatArray(), 1e-6f);
            GradientClipping.clipGlobalNorm(List.of(a, b), 10.0).close();
            assertArrayEquals(new float[] {0f, 0.8f}, b.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void classWeightsChangeTheLossAsComputedByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {2f, 0f, 0f, 1f, 1f, 1f}, new Shape(3, 2));
            int[] labels = {0, 1, 1};
            double l0 = -Math.log(Math.exp(2) / (Math.exp(2) + 1));
            double l1 = -Math.log(Math.E / (1 + Math.E));
            double l2 = Math.log(2);
            assertEquals((l0 + l1 + l2) / 3, new WeightedCrossEntropy(null).loss(logits, labels, 1).getFloat(), 1e-6);
            float[] w = WeightedCrossEntropy.balancedWeights(new int[] {1, 2});
            assertArrayEquals(new float[] {1.5f, 0.75f}, w, 1e-7f);
            double weighted = (1.5 * l0 + 0.75 * (l1 + l2)) / (1.5 + 0.75 * 2);
            assertEquals(weighted, new WeightedCrossEntropy(w).loss(logits, labels, 1).getFloat(), 1e-6);
            assertEquals(weighted / 2, new WeightedCrossEntropy(w).loss(logits, labels, 0.5).getFloat(), 1e-6);
            assertThrows(IllegalArgumentException.class, () -> WeightedCrossEntropy.balancedWeights(new int[] {3, 0}));
        }
    }

    @Test
    void twoHalfBatchesAccumulateToTheFullBatchGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            TinyModel model = new TinyModel(m, 4, 3, 0f, 5);
            SegmentDataset data = TinyModel.separable(8, 4, 3);
            InputPreparer prep = InputPreparer.identity();
            WeightedCrossEntropy ce = new WeightedCrossEntropy(null);
            NDArray w = model.fc1.weight().getArray();
            float[] full = gradient(model, prep, data, ce, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 1.0);
            try (NDArray g = w.getGradient()) {
                g.muli(0);
            }
            gradient(model, prep, data, ce, new int[] {0, 1, 2, 3}, 0.5);
            float[] accumulated = gradient(model, prep, data, ce, new int[] {4, 5, 6, 7}, 0.5);
            assertArrayEquals(full, accumulated, 1e-6f);
            assertTrue(Math.abs(full[0]) + Math.abs(full[5]) > 0);
        }
    }

    private static float[] gradient(TinyModel model, InputPreparer prep, SegmentDataset data, WeightedCrossEntropy ce,
                                    int[] rows, double factor) {
        int[] labels = java.util.Arrays.stream(rows).map(r -> data.labels()[r]).toArray();
        try (NDManager step = model.manager().newSubManager();
             GradientCollector c = Engine.getInstance().newGradientCollector()) {
            c.backward(ce.loss(model.forward(prep.prepare(step, data, rows), true), labels, factor));
        }
        try (NDArray g = model.fc1.weight().getArray().getGradient()) {
            return g.toFloatArray();
        }
    }
}
