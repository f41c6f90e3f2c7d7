package org.ecgpeft.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
 * Every convolution path against {@link Float64Conv} (output and the input, weight and bias gradients) over
 * randomised geometries, and the float64 loops themselves against hand-computed values and their adjoint identity.
 * Run under several oneDNN ISA limits by the build (see the pom's surefire executions).
 */
@Tag("kernels")
class ConvPathTest {

    private static final int[] CHANNELS = {1, 3, 8, 12, 16, 20, 24, 32, 48, 512};
    private static final int TRIALS = 60;

    @Test
    void float64LoopsMatchAHandComputedConvolution() {
        // x = [1, 2, 3, 4], w = [1, -1], padding 1, stride 2: windows [0,1], [2,3], [4,0] -> -1, -1, 4; + bias 0.5.
        ConvGeometry g = new ConvGeometry(1, 1, 2, 2, 1, 1, 1);
        double[] y = Float64Conv.forward(g, 1, 4, new double[] {1, 2, 3, 4}, new double[] {1, -1}, new double[] {0.5});
        assertArrayEquals(new double[] {-0.5, -0.5, 4.5}, y, 0);
        // Two groups, dilation 2: each output channel sees only its own input channel.
        ConvGeometry grouped = new ConvGeometry(2, 2, 2, 1, 0, 2, 2);
        double[] yg = Float64Conv.forward(
                grouped, 1, 3, new double[] {1, 2, 3, 10, 20, 30}, new double[] {1, 1, 2, -1}, null);
        assertArrayEquals(new double[] {4, -10}, yg, 0);
    }

    @Test
    void float64GradientsAreTheAdjointOfTheForward() {
        // conv is linear in x and in w: <conv(x, w), dy> = <x, dL/dx> = <w, dL/dw>.
        Random r = new Random(3);
        ConvGeometry g = new ConvGeometry(6, 4, 3, 2, 1, 2, 2);
        int batch = 2;
        int length = 11;
        double[] x = gaussian(r, batch * 6 * length);
        double[] w = gaussian(r, 4 * 3 * 3);
        double[] dy = gaussian(r, batch * 4 * g.outputLength(length));
        double lhs = dot(Float64Conv.forward(g, batch, length, x, w, null), dy);
        assertEquals(lhs, dot(x, Float64Conv.inputGradient(g, batch, length, w, dy)), 1e-9);
        assertEquals(lhs, dot(w, Float64Conv.weightGradient(g, batch, length, x, dy)), 1e-9);
    }

    @Test
    void everyPathMatchesFloat64LoopsOnRandomGeometries() {
        Random r = new Random(2024);
        List<String> kernelOff = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            for (int trial = 0; trial < TRIALS; trial++) {
                ConvGeometry g = randomGeometry(r);
                int batch = 1 + r.nextInt(3);
                int length = oddLength(r, g);
                boolean bias = r.nextBoolean();
                double tol = ConvSelfCheck.tolerance(DataType.FLOAT32);
                String where = g + " batch " + batch + " length " + length;
                ConvPath chosen = ConvSelfCheck.pathFor(g, m, DataType.FLOAT32, bias);
                for (ConvPath path : ConvPath.values()) {
                    ConvSelfCheck.Deviation d =
                            ConvSelfCheck.measure(path, g, m, DataType.FLOAT32, bias, batch, length, trial);
                    // The unfold path is ours and the chosen one is what models run: both must be right.
                    if (path == ConvPath.UNFOLD || path == chosen) {
                        assertTrue(d.worst() <= tol, path + " (chosen " + chosen + ") " + where + ": " + d);
                    } else if (d.worst() > tol) {
                        kernelOff.add(path + " " + where + ": " + d + " -> uses " + chosen);
                    }
                }
            }
        }
        // Not an assertion: libtorch's kernels may be wrong on this host; the chosen path above must not be.
        kernelOff.forEach(line -> System.out.println("libtorch convolution off: " + line));
        System.out.println("ONEDNN_MAX_CPU_ISA=" + System.getenv("ONEDNN_MAX_CPU_ISA") + ": " + kernelOff.size()
                + " libtorch path(s) off float64 loops over " + TRIALS + " random geometries");
    }

    @Test
    void convOpRunsTheSameNumbersOnEveryCallAndRejectsAWrongChannelCount() {
        try (NDManager m = NDManager.newBaseManager()) {
            Conv1d conv = new Conv1d(24, 20, 5, 2, 2, 1, 1, true);
            conv.materialize(m, DataType.FLOAT32, true);
            NDArray x = m.randomNormal(new Shape(3, 24, 101));
            float[] first = conv.forward(x).toFloatArray();
            for (float v : first) {
                assertTrue(Float.isFinite(v));
            }
            assertArrayEquals(first, conv.forward(x).toFloatArray(), 0f);
            ConvLayer.pinAll(conv, ConvPath.UNFOLD);
            float[] unfold = conv.forward(x).toFloatArray();
            for (int i = 0; i < first.length; i++) {
                assertEquals(first[i], unfold[i], 1e-5 * (1 + Math.abs(first[i])));
            }
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> conv.forward(m.zeros(new Shape(1, 23, 50))));
            assertTrue(e.getMessage().contains("[B, 24, T]"), e.getMessage());
        }
    }

    private static ConvGeometry randomGeometry(Random r) {
        int in = CHANNELS[r.nextInt(CHANNELS.length)];
        int out = CHANNELS[r.nextInt(CHANNELS.length)];
        // 512 x 512 in float64 loops is slow: keep one side of a 512-channel layer small.
        if (in == 512 && out == 512) {
            out = CHANNELS[r.nextInt(6)];
        }
        int groups = 1;
        if (r.nextInt(3) == 0) {
            int common = gcd(in, out);
            List<Integer> divisors = new ArrayList<>();
            for (int d = 1; d <= common; d++) {
                if (common % d == 0) {
                    divisors.add(d);
                }
            }
            groups = divisors.get(r.nextInt(divisors.size()));
        }
        int kernel = 2 + r.nextInt(9);
        int stride = 1 + r.nextInt(5);
        int dilation = 1 + r.nextInt(2);
        int padding = r.nextInt(kernel / 2 + 1);
        return new ConvGeometry(in, out, kernel, stride, padding, dilation, groups);
    }

    private static int oddLength(Random r, ConvGeometry g) {
        int length = g.inputLengthFor(1 + r.nextInt(12)) + r.nextInt(g.stride());
        return length % 2 == 1 ? length : length + 1;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static double[] gaussian(Random r, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextGaussian();
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
