package org.ecgpeft.model.qwen3;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.ecgpeft.model.nn.Float64Ops;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Rotary embedding against a float64 loop with HF's semantics (float32 inverse frequencies and angles, rotate_half). */
@Tag("kernels")
class RotaryReferenceTest {

    @Test
    void rotaryEmbeddingMatchesFloat64OverRandomShapesAndPositions() {
        Random r = new Random(21);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int trial = 0; trial < 20; trial++) {
                int batch = 1 + r.nextInt(3);
                int heads = 1 + r.nextInt(4);
                int t = 1 + 2 * r.nextInt(9);
                int headDim = 2 * (1 + r.nextInt(32));
                double theta = r.nextBoolean() ? 1_000_000 : 10_000;
                long[] pos = new long[batch * t];
                for (int i = 0; i < pos.length; i++) {
                    pos[i] = r.nextInt(5000);
                }
                NDArray positions = m.create(pos, new Shape(batch, t));
                NDArray x = Float64Ops.array(
                        m, Float64Ops.gaussian(r, batch * heads * t * headDim, 1), new Shape(batch, heads, t, headDim));
                NDList cs = new RotaryEmbedding(headDim, theta).cosSin(positions);
                double[] actual = Float64Ops.values(RotaryEmbedding.apply(x, cs.get(0), cs.get(1)));
                double[] expected = reference(Float64Ops.values(x), pos, batch, heads, t, headDim, theta);
                double d = Float64Ops.deviation(actual, expected);
                assertTrue(
                        d <= 1e-5,
                        "rope batch " + batch + " heads " + heads + " t " + t + " dim " + headDim + ": " + d);
            }
        }
    }

    /** x * cos + rotate_half(x) * sin, the angle p * inv_freq rounded to float32 as HF computes it. */
    private static double[] reference(double[] x, long[] pos, int batch, int heads, int t, int dim, double theta) {
        double[] y = new double[x.length];
        int half = dim / 2;
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int s = 0; s < t; s++) {
                    int row = ((b * heads + h) * t + s) * dim;
                    for (int i = 0; i < dim; i++) {
                        int f = i % half;
                        float invFreq = (float) (1.0 / Math.pow(theta, (float) (2 * f) / dim));
                        double angle = (float) ((float) pos[b * t + s] * invFreq);
                        double rotated = i < half ? -x[row + i + half] : x[row + i - half];
                        y[row + i] = x[row + i] * Math.cos(angle) + rotated * Math.sin(angle);
                    }
                }
            }
        }
        return y;
    }
}
