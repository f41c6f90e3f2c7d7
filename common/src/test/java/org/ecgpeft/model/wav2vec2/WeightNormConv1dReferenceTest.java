package org.ecgpeft.model.wav2vec2;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.ecgpeft.model.nn.ConvGeometry;
import org.ecgpeft.model.nn.Float64Conv;
import org.ecgpeft.model.nn.Float64Ops;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The weight-normed positional convolution ({@code weight = g * v / ||v||}, norm over output and input channels per
 * kernel position, then a grouped same-padded convolution) against float64 loops over random shapes.
 */
@Tag("kernels")
class WeightNormConv1dReferenceTest {

    private static final int[] CHANNELS = {8, 12, 16, 20, 24, 32, 48};

    @Test
    void weightNormedGroupedConvolutionMatchesFloat64Loops() {
        Random r = new Random(31);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int trial = 0; trial < 20; trial++) {
                int channels = CHANNELS[r.nextInt(CHANNELS.length)];
                int groups = new int[] {1, 2, 4}[r.nextInt(3)];
                int kernel = 2 + r.nextInt(15);
                int batch = 1 + r.nextInt(3);
                int length = 1 + 2 * r.nextInt(30);
                WeightNormConv1d conv = new WeightNormConv1d(channels, kernel, kernel / 2, groups);
                conv.materialize(m, DataType.FLOAT32, true);
                double[] g = Float64Ops.values(conv.namedParameters()
                        .get("parametrizations.weight.original0")
                        .getArray()
                        .add(Float64Ops.array(m, Float64Ops.gaussian(r, kernel, 0.5), new Shape(1, 1, kernel))));
                conv.namedParameters()
                        .get("parametrizations.weight.original0")
                        .getArray()
                        .set(Float64Ops.floats(g));
                double[] v = Float64Ops.values(conv.namedParameters()
                        .get("parametrizations.weight.original1")
                        .getArray());
                double[] bias = Float64Ops.values(conv.namedParameters()
                        .get("bias")
                        .getArray()
                        .add(Float64Ops.array(m, Float64Ops.gaussian(r, channels, 1), new Shape(channels))));
                conv.namedParameters().get("bias").getArray().set(Float64Ops.floats(bias));
                NDArray x = Float64Ops.array(
                        m, Float64Ops.gaussian(r, batch * channels * length, 1), new Shape(batch, channels, length));
                ConvGeometry geometry = new ConvGeometry(channels, channels, kernel, 1, kernel / 2, 1, groups);
                double[] expected = Float64Conv.forward(
                        geometry,
                        batch,
                        length,
                        Float64Ops.values(x),
                        weightNorm(g, v, channels, channels / groups, kernel),
                        bias);
                double d = Float64Ops.deviation(Float64Ops.values(conv.forward(x)), expected);
                assertTrue(d <= 1e-5, geometry + " batch " + batch + " length " + length + ": " + d);
            }
        }
    }

    /** {@code g[k] * v[o, i, k] / sqrt(sum over o, i of v[o, i, k]^2)}: torch's weight_norm with dim=2. */
    private static double[] weightNorm(double[] g, double[] v, int out, int in, int kernel) {
        double[] w = new double[v.length];
        for (int k = 0; k < kernel; k++) {
            double sq = 0;
            for (int i = 0; i < out * in; i++) {
                sq += v[i * kernel + k] * v[i * kernel + k];
            }
            for (int i = 0; i < out * in; i++) {
                w[i * kernel + k] = g[k] * v[i * kernel + k] / Math.sqrt(sq);
            }
        }
        return w;
    }
}
