package org.ecgpeft.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Plain float64 loops with PyTorch's semantics for the ops the models use besides convolution (that one is
 * {@link Float64Conv}): the references of the op-level tests. Arrays are row-major, last axis fastest.
 */
public final class Float64Ops {

    private Float64Ops() {}

    /** {@code torch.nn.GroupNorm(groups, C)} over {@code [B, C, T]} with per-channel weight and bias. */
    public static double[] groupNorm(
            double[] x, int batch, int channels, int length, int groups, double[] w, double[] b, double eps) {
        double[] y = new double[x.length];
        int perGroup = channels / groups * length;
        for (int n = 0; n < batch; n++) {
            for (int grp = 0; grp < groups; grp++) {
                int start = (n * channels + grp * (channels / groups)) * length;
                double mean = 0;
                for (int i = 0; i < perGroup; i++) {
                    mean += x[start + i];
                }
                mean /= perGroup;
                double var = 0;
                for (int i = 0; i < perGroup; i++) {
                    var += (x[start + i] - mean) * (x[start + i] - mean);
                }
                double inv = 1 / Math.sqrt(var / perGroup + eps);
                for (int i = 0; i < perGroup; i++) {
                    int c = grp * (channels / groups) + i / length;
                    y[start + i] = (x[start + i] - mean) * inv * w[c] + b[c];
                }
            }
        }
        return y;
    }

    /** {@code torch.nn.LayerNorm(dim)} over the last axis; {@code b} may be null (RMS-free affine only). */
    public static double[] layerNorm(double[] x, int dim, double[] w, double[] b, double eps) {
        double[] y = new double[x.length];
        for (int row = 0; row < x.length / dim; row++) {
            double mean = 0;
            for (int i = 0; i < dim; i++) {
                mean += x[row * dim + i];
            }
            mean /= dim;
            double var = 0;
            for (int i = 0; i < dim; i++) {
                double d = x[row * dim + i] - mean;
                var += d * d;
            }
            double inv = 1 / Math.sqrt(var / dim + eps);
            for (int i = 0; i < dim; i++) {
                y[row * dim + i] = (x[row * dim + i] - mean) * inv * w[i] + b[i];
            }
        }
        return y;
    }

    /** Qwen3's RMSNorm over the last axis: {@code w * x / sqrt(mean(x^2) + eps)}. */
    public static double[] rmsNorm(double[] x, int dim, double[] w, double eps) {
        double[] y = new double[x.length];
        for (int row = 0; row < x.length / dim; row++) {
            double ms = 0;
            for (int i = 0; i < dim; i++) {
                ms += x[row * dim + i] * x[row * dim + i];
            }
            double inv = 1 / Math.sqrt(ms / dim + eps);
            for (int i = 0; i < dim; i++) {
                y[row * dim + i] = x[row * dim + i] * inv * w[i];
            }
        }
        return y;
    }

    /** Exact GELU, {@code x * Phi(x)}. */
    public static double gelu(double x) {
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    /** SiLU, {@code x * sigmoid(x)}. */
    public static double silu(double x) {
        return x / (1 + Math.exp(-x));
    }

    /** Softmax over the last axis of {@code scores + mask} (mask broadcast per row, may be null). */
    public static double[] maskedSoftmax(double[] scores, int dim, double[] mask) {
        double[] y = new double[scores.length];
        for (int row = 0; row < scores.length / dim; row++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < dim; i++) {
                double s = scores[row * dim + i] + (mask == null ? 0 : mask[row * dim + i]);
                y[row * dim + i] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (int i = 0; i < dim; i++) {
                y[row * dim + i] = Math.exp(y[row * dim + i] - max);
                sum += y[row * dim + i];
            }
            for (int i = 0; i < dim; i++) {
                y[row * dim + i] /= sum;
            }
        }
        return y;
    }

    /**
     * {@code erf} to about 1e-15 for |x| < 6 by its Maclaurin series (exact +-1 in double beyond), enough for a
     * float32 yardstick.
     */
    public static double erf(double x) {
        if (Math.abs(x) >= 6) {
            return Math.signum(x);
        }
        if (Math.abs(x) > 3) {
            return Math.signum(x) * (1 - erfcLarge(Math.abs(x)));
        }
        double term = x;
        double sum = x;
        for (int n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
            term *= -x * x / n;
            sum += term / (2 * n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    /** erfc by its continued fraction (Lentz), accurate for x > 3. */
    private static double erfcLarge(double x) {
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int n = 1; n < 300; n++) {
            double a = n / 2.0;
            d = x + a * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = x + a / (Math.abs(c) < tiny ? tiny : c);
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }

    /** Seeded standard normal values. */
    public static double[] gaussian(Random r, int n, double scale) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextGaussian() * scale;
        }
        return out;
    }

    /** A float32 array holding {@code values}. */
    public static NDArray array(NDManager m, double[] values, Shape shape) {
        return m.create(values, shape).toType(DataType.FLOAT32, false);
    }

    /** The values rounded to float32 (as parameters are stored). */
    public static float[] floats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    /** The float32 values rounded to doubles: the inputs the native side really saw. */
    public static double[] values(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** max |a - b| / max(1, max |b|), infinite for a NaN: the same measure as the convolution check. */
    public static double deviation(double[] actual, double[] expected) {
        return ConvSelfCheck.deviation(actual, expected);
    }
}
