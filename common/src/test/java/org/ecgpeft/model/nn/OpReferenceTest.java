package org.ecgpeft.model.nn;

import static org.ecgpeft.model.nn.Float64Ops.array;
import static org.ecgpeft.model.nn.Float64Ops.deviation;
import static org.ecgpeft.model.nn.Float64Ops.gaussian;
import static org.ecgpeft.model.nn.Float64Ops.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The non-convolution ops the models run (group, layer and RMS norm, GELU, SiLU, masked softmax) against plain
 * float64 loops over randomised shapes: channels {1, 3, 8, 12, 16, 20, 24, 32, 48, 512}, batch 1-3, odd lengths.
 * Run under several oneDNN ISA limits by the build.
 */
@Tag("kernels")
class OpReferenceTest {

    private static final int[] CHANNELS = {1, 3, 8, 12, 16, 20, 24, 32, 48, 512};
    private static final double TOLERANCE = 1e-5;

    @Test
    void erfOfTheReferenceMatchesTabulatedValues() {
        assertEquals(0.5204998778130465, Float64Ops.erf(0.5), 1e-15);
        assertEquals(0.8427007929497149, Float64Ops.erf(1), 1e-15);
        assertEquals(-0.9953222650189527, Float64Ops.erf(-2), 1e-15);
        assertEquals(0.9999992569016276, Float64Ops.erf(3.5), 1e-15);
        assertEquals(0.9999999845827421, Float64Ops.erf(4), 1e-15);
    }

    @Test
    void groupNormMatchesFloat64Loops() {
        Random r = new Random(11);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int trial = 0; trial < 40; trial++) {
                int channels = CHANNELS[r.nextInt(CHANNELS.length)];
                List<Integer> divisors = divisors(channels);
                int groups = divisors.get(r.nextInt(divisors.size()));
                int batch = 1 + r.nextInt(3);
                int length = 1 + 2 * r.nextInt(60);
                GroupNorm norm = new GroupNorm(groups, channels, 1e-5f);
                norm.materialize(m, DataType.FLOAT32, false);
                double[] w = gaussian(r, channels, 1);
                double[] b = gaussian(r, channels, 1);
                set(norm, "weight", w);
                set(norm, "bias", b);
                NDArray x = array(m, gaussian(r, batch * channels * length, 3), new Shape(batch, channels, length));
                double[] expected = Float64Ops.groupNorm(
                        values(x), batch, channels, length, groups, values32(w), values32(b), 1e-5);
                assertClose(
                        expected,
                        values(norm.forward(x)),
                        "GroupNorm(" + groups + ", " + channels + ") batch " + batch + " length " + length);
            }
        }
    }

    @Test
    void layerNormAndRmsNormMatchFloat64Loops() {
        Random r = new Random(12);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int trial = 0; trial < 40; trial++) {
                int dim = CHANNELS[r.nextInt(CHANNELS.length)];
                int rows = (1 + r.nextInt(3)) * (1 + 2 * r.nextInt(20));
                double[] w = gaussian(r, dim, 1);
                double[] b = gaussian(r, dim, 1);
                NDArray x = array(m, gaussian(r, rows * dim, 2), new Shape(rows, dim))
                        .add(0.5f);
                LayerNorm ln = new LayerNorm(dim, 1e-5f);
                ln.materialize(m, DataType.FLOAT32, false);
                set(ln, "weight", w);
                set(ln, "bias", b);
                assertClose(
                        Float64Ops.layerNorm(values(x), dim, values32(w), values32(b), 1e-5),
                        values(ln.forward(x)),
                        "LayerNorm(" + dim + ") rows " + rows);
                RmsNorm rms = new RmsNorm(dim, 1e-6f);
                rms.materialize(m, DataType.FLOAT32, false);
                set(rms, "weight", w);
                assertClose(
                        Float64Ops.rmsNorm(values(x), dim, values32(w), 1e-6),
                        values(rms.forward(x)),
                        "RmsNorm(" + dim + ") rows " + rows);
            }
        }
    }

    @Test
    void activationsMatchFloat64() {
        Random r = new Random(13);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int trial = 0; trial < 10; trial++) {
                int n = CHANNELS[r.nextInt(CHANNELS.length)] * (1 + 2 * r.nextInt(8));
                NDArray x = array(m, gaussian(r, n, 4), new Shape(n));
                double[] xs = values(x);
                double[] gelu = new double[n];
                double[] silu = new double[n];
                for (int i = 0; i < n; i++) {
                    gelu[i] = Float64Ops.gelu(xs[i]);
                    silu[i] = Float64Ops.silu(xs[i]);
                }
                assertClose(gelu, values(Functional.gelu(x)), "gelu n " + n);
                assertClose(silu, values(Functional.silu(x)), "silu n " + n);
                assertClose(gelu, values(Functional.activation("gelu", x)), "activation gelu n " + n);
            }
        }
    }

    @Test
    void softmaxWithAdditiveMasksMatchesFloat64IncludingFullyMaskedRows() {
        Random r = new Random(14);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int trial = 0; trial < 30; trial++) {
                int batch = 1 + r.nextInt(3);
                int heads = 1 + r.nextInt(4);
                int queries = 1 + 2 * r.nextInt(8);
                int keys = 1 + 2 * r.nextInt(12);
                int n = batch * heads * queries * keys;
                double[] mask = new double[n];
                for (int i = 0; i < n; i++) {
                    // The models' masked value; every 7th row is masked entirely (a padding query).
                    boolean rowMasked = (i / keys) % 7 == 3;
                    mask[i] = rowMasked || r.nextInt(4) == 0 ? -1e30 : 0;
                }
                Shape shape = new Shape(batch, heads, queries, keys);
                NDArray scores = array(m, gaussian(r, n, 3), shape);
                NDArray probs = scores.add(array(m, mask, shape)).softmax(-1);
                assertClose(
                        Float64Ops.maskedSoftmax(values(scores), keys, values32(mask)),
                        values(probs),
                        "softmax " + shape);
            }
        }
    }

    static void assertClose(double[] expected, double[] actual, String what) {
        double d = deviation(actual, expected);
        assertTrue(d <= TOLERANCE, what + ": deviation " + d);
    }

    /** The values as float32 would hold them (the parameters the native side uses). */
    static double[] values32(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    static void set(Module module, String name, double[] values) {
        module.namedParameters().get(name).getArray().set(Float64Ops.floats(values));
    }

    private static List<Integer> divisors(int n) {
        List<Integer> out = new ArrayList<>();
        for (int d = 1; d <= n; d++) {
            if (n % d == 0) {
                out.add(d);
            }
        }
        return out;
    }
}
