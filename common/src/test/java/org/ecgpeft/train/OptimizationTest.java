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
                    setGradient(
                            lin.weight().getArray(), new float[] {(float) grads[t - 1][0], (float) grads[t - 1][1]});
                    setGradient(lin.bias().getArray(), new float[] {(float) gb[t - 1]});
                    opt.step(lr);
                    opt.zeroGradients();
                    torchAdamW(w, grads[t - 1], mw, vw, t, lr, wd, b1, b2, eps);
                    torchAdamW(b, new double[] {gb[t - 1]}, mb, vb, t, lr, 0, b1, b2, eps);
                }
                assertEquals(2, opt.steps());
            }
            assertArrayEquals(
                    new float[] {(float) w[0], (float) w[1]},
                    lin.weight().getArray().toFloatArray(),
                    1e-6f);
            assertArrayEquals(new float[] {(float) b[0]}, lin.bias().getArray().toFloatArray(), 1e-6f);
            try (NDArray g = lin.weight().getArray().getGradient()) {
                assertArrayEquals(new float[] {0f, 0f}, g.toFloatArray(), 0f);
            }
        }
    }

    /**
     * The fused update equals {@code clip_grad_norm_(params, 1.0)} then {@code torch.optim.AdamW.step()} (three
     * steps; the first two clipped, the last not), biases undecayed, within 1e-6.
     */
    @Test
    void updateEqualsClipGradNormThenTorchAdamW() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear lin = new Linear(3, 2, true);
            lin.materialize(m, ai.djl.ndarray.types.DataType.FLOAT32, false);
            double[] w = {0.3, -0.7, 1.1, 0.05, -0.4, 0.9};
            double[] b = {0.2, -0.1};
            lin.weight().getArray().set(toFloat(w));
            lin.bias().getArray().set(toFloat(b));
            double[][] gw = {{2, -1, 0.5, 3, 0, -2}, {0.1, 0.2, -0.3, 0.4, -0.5, 0.6}, {0.01, -0.02, 0, 0.03, 0.01, 0}};
            double[][] gb = {{1.5, -0.5}, {0.3, 0.1}, {-0.02, 0.01}};
            double[] mw = new double[6];
            double[] vw = new double[6];
            double[] mb = new double[2];
            double[] vb = new double[2];
            double lr = 0.05;
            double wd = 0.1;
            try (AdamW opt = new AdamW(lin.trainableParameters(), new AdamWOptions(0.9, 0.999, 1e-8, wd, false))) {
                for (int t = 1; t <= 3; t++) {
                    setGradient(lin.weight().getArray(), toFloat(gw[t - 1]));
                    setGradient(lin.bias().getArray(), toFloat(gb[t - 1]));
                    opt.update(lr, 1.0, null);
                    double[] cw = gw[t - 1].clone();
                    double[] cb = gb[t - 1].clone();
                    clipGradNorm(1.0, cw, cb);
                    torchAdamW(w, cw, mw, vw, t, lr, wd, 0.9, 0.999, 1e-8);
                    torchAdamW(b, cb, mb, vb, t, lr, 0, 0.9, 0.999, 1e-8);
                    assertArrayEquals(toFloat(w), lin.weight().getArray().toFloatArray(), 1e-6f, "weights, step " + t);
                    assertArrayEquals(toFloat(b), lin.bias().getArray().toFloatArray(), 1e-6f, "bias, step " + t);
                }
                assertArrayEquals(new float[] {0, 0, 0}, opt.nonFinite().toFloatArray(), 0f);
            }
        }
    }

    /** torch.nn.utils.clip_grad_norm_ over all gradients together, in double precision. */
    private static void clipGradNorm(double maxNorm, double[]... grads) {
        double sumSq = 0;
        for (double[] g : grads) {
            for (double x : g) {
                sumSq += x * x;
            }
        }
        double coef = Math.min(1, maxNorm / (Math.sqrt(sumSq) + 1e-6));
        for (double[] g : grads) {
            for (int i = 0; i < g.length; i++) {
                g[i] *= coef;
            }
        }
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    @Test
    void aStepWithANonFiniteGradientOrLossLeavesWeightsAndMomentsAsTheyWereAndIsCounted() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear lin = new Linear(2, 1, true);
            lin.materialize(m, ai.djl.ndarray.types.DataType.FLOAT32, false);
            lin.weight().getArray().set(new float[] {1f, -2f});
            NDArray w = lin.weight().getArray();
            try (AdamW opt = new AdamW(lin.trainableParameters(), AdamWOptions.withWeightDecay(0.01))) {
                setGradient(w, new float[] {Float.NaN, 1f});
                opt.update(0.1, 1.0, null);
                assertArrayEquals(new float[] {1f, -2f}, w.toFloatArray(), 0f);
                try (NDArray g = w.getGradient()) {
                    assertArrayEquals(new float[] {0f, 0f}, g.toFloatArray(), 0f, "zeroed by fill, NaN gone");
                }
                assertArrayEquals(new float[] {1, 1, 1}, opt.nonFinite().toFloatArray(), 0f);
                // Finite gradients but an infinite loss: skipped too.
                setGradient(w, new float[] {0.5f, 1f});
                try (NDArray loss = m.create(Float.POSITIVE_INFINITY)) {
                    opt.update(0.1, 0, loss);
                }
                assertArrayEquals(new float[] {1f, -2f}, w.toFloatArray(), 0f);
                try (NDManager scratch = m.newSubManager()) {
                    for (NDArray moment : opt.state(scratch).values()) {
                        assertArrayEquals(new float[moment.size() == 2 ? 2 : 1], moment.toFloatArray(), 0f);
                    }
                }
                assertArrayEquals(new float[] {2, 2, 2}, opt.nonFinite().toFloatArray(), 0f);
                // A finite step moves the weights and ends the run of skips; the longest run stays.
                setGradient(w, new float[] {0.5f, -3f});
                try (NDArray loss = m.create(0.7f)) {
                    opt.update(0.1, 0, loss);
                }
                assertTrue(w.toFloatArray()[0] < 1f && w.toFloatArray()[1] > -2f);
                assertArrayEquals(new float[] {2, 0, 2}, opt.nonFinite().toFloatArray(), 0f);
            }
        }
    }

    @Test
    void momentsRoundTripThroughStateAndLoadState() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear a = new Linear(2, 2, true);
            Linear b = new Linear(2, 2, true);
            a.materialize(m, ai.djl.ndarray.types.DataType.FLOAT32, false);
            b.materialize(m, ai.djl.ndarray.types.DataType.FLOAT32, false);
            try (AdamW optA = new AdamW(a.trainableParameters(), AdamWOptions.withWeightDecay(0.01));
                    AdamW optB = new AdamW(b.trainableParameters(), AdamWOptions.withWeightDecay(0.01));
                    NDManager scratch = m.newSubManager()) {
                setGradient(a.weight().getArray(), new float[] {0.5f, -1f, 2f, 0.1f});
                setGradient(a.bias().getArray(), new float[] {0.3f, -0.2f});
                optA.update(0.1, 1.0, null);
                Map<String, NDArray> saved = new java.util.LinkedHashMap<>();
                optA.state(scratch).forEach((k, v) -> saved.put(k, v.duplicate()));
                optB.loadState(saved, "saved.safetensors");
                optB.restoreSteps(optA.steps());
                b.weight().getArray().set(a.weight().getArray().toFloatArray());
                b.bias().getArray().set(a.bias().getArray().toFloatArray());
                for (Linear lin : List.of(a, b)) {
                    setGradient(lin.weight().getArray(), new float[] {-0.5f, 1f, 0.2f, 0.3f});
                    setGradient(lin.bias().getArray(), new float[] {0.1f, 0.4f});
                }
                optA.update(0.1, 1.0, null);
                optB.update(0.1, 1.0, null);
                assertArrayEquals(
                        a.weight().getArray().toFloatArray(),
                        b.weight().getArray().toFloatArray(),
                        0f);
                assertArrayEquals(
                        a.bias().getArray().toFloatArray(), b.bias().getArray().toFloatArray(), 0f);
                saved.remove("exp_avg.bias");
                IllegalArgumentException e =
                        assertThrows(IllegalArgumentException.class, () -> optB.loadState(saved, "saved.safetensors"));
                assertTrue(
                        e.getMessage().contains("saved.safetensors")
                                && e.getMessage().contains("exp_avg.bias"),
                        e.getMessage());
            }
        }
    }

    /** torch.optim.AdamW's single-tensor update, in double precision. */
    private static void torchAdamW(
            double[] p,
            double[] g,
            double[] m,
            double[] v,
            int t,
            double lr,
            double wd,
            double b1,
            double b2,
            double eps) {
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
            assertArrayEquals(
                    new float[] {0.999f - 0.1f, -1.998f + 0.1f},
                    lin.weight().getArray().toFloatArray(),
                    1e-6f);
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
    void classWeightsChangeTheLossAsComputedByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {2f, 0f, 0f, 1f, 1f, 1f}, new Shape(3, 2));
            int[] labels = {0, 1, 1};
            double l0 = -Math.log(Math.exp(2) / (Math.exp(2) + 1));
            double l1 = -Math.log(Math.E / (1 + Math.E));
            double l2 = Math.log(2);
            assertEquals(
                    (l0 + l1 + l2) / 3,
                    new WeightedCrossEntropy(null).loss(logits, labels, 1).getFloat(),
                    1e-6);
            float[] w = WeightedCrossEntropy.balancedWeights(new int[] {1, 2});
            assertArrayEquals(new float[] {1.5f, 0.75f}, w, 1e-7f);
            double weighted = (1.5 * l0 + 0.75 * (l1 + l2)) / (1.5 + 0.75 * 2);
            assertEquals(
                    weighted,
                    new WeightedCrossEntropy(w).loss(logits, labels, 1).getFloat(),
                    1e-6);
            assertEquals(
                    weighted / 2,
                    new WeightedCrossEntropy(w).loss(logits, labels, 0.5).getFloat(),
                    1e-6);
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

    private static float[] gradient(
            TinyModel model,
            InputPreparer prep,
            SegmentDataset data,
            WeightedCrossEntropy ce,
            int[] rows,
            double factor) {
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
