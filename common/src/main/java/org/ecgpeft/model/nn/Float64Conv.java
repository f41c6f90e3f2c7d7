package org.ecgpeft.model.nn;

/**
 * Plain float64 loops for a 1-D convolution and its gradients, with exactly {@code torch.nn.functional.conv1d}'s
 * semantics (zero padding, stride, dilation, groups). Slow and obviously right: the yardstick that the native
 * kernels are held to, at start-up by {@link ConvSelfCheck} and in the tests.
 *
 * <p>Layouts are row-major: input {@code [B, C_in, T]}, weight {@code [C_out, C_in / groups, K]}, output
 * {@code [B, C_out, T_out]}.
 */
public final class Float64Conv {

    /** One multiply-accumulate of the convolution: flat indices into input, weight and output. */
    private interface Tap {
        void accept(int xIndex, int wIndex, int yIndex);
    }

    private Float64Conv() {}

    /** {@code y = conv1d(x, w) + bias}; {@code bias} may be null. */
    public static double[] forward(ConvGeometry g, int batch, int length, double[] x, double[] w, double[] bias) {
        int outLen = g.outputLength(length);
        double[] y = new double[batch * g.outChannels() * outLen];
        if (bias != null) {
            for (int i = 0; i < y.length; i++) {
                y[i] = bias[(i / outLen) % g.outChannels()];
            }
        }
        eachTap(g, batch, length, (xi, wi, yi) -> y[yi] += x[xi] * w[wi]);
        return y;
    }

    /** {@code dL/dx} given {@code dL/dy}. */
    public static double[] inputGradient(ConvGeometry g, int batch, int length, double[] w, double[] dy) {
        double[] dx = new double[batch * g.inChannels() * length];
        eachTap(g, batch, length, (xi, wi, yi) -> dx[xi] += dy[yi] * w[wi]);
        return dx;
    }

    /** {@code dL/dw} given {@code dL/dy}. */
    public static double[] weightGradient(ConvGeometry g, int batch, int length, double[] x, double[] dy) {
        double[] dw = new double[g.outChannels() * g.inPerGroup() * g.kernel()];
        eachTap(g, batch, length, (xi, wi, yi) -> dw[wi] += dy[yi] * x[xi]);
        return dw;
    }

    /** {@code dL/dbias}: the output gradient summed over batch and time. */
    public static double[] biasGradient(ConvGeometry g, int batch, int length, double[] dy) {
        int outLen = g.outputLength(length);
        double[] db = new double[g.outChannels()];
        for (int i = 0; i < dy.length; i++) {
            db[(i / outLen) % g.outChannels()] += dy[i];
        }
        return db;
    }

    private static void eachTap(ConvGeometry g, int batch, int length, Tap tap) {
        int outLen = g.outputLength(length);
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < g.outChannels(); o++) {
                int firstIn = (o / g.outPerGroup()) * g.inPerGroup();
                for (int t = 0; t < outLen; t++) {
                    int yIndex = (b * g.outChannels() + o) * outLen + t;
                    for (int c = 0; c < g.inPerGroup(); c++) {
                        int xRow = (b * g.inChannels() + firstIn + c) * length;
                        int wRow = (o * g.inPerGroup() + c) * g.kernel();
                        for (int k = 0; k < g.kernel(); k++) {
                            int src = t * g.stride() - g.padding() + k * g.dilation();
                            if (src >= 0 && src < length) {
                                tap.accept(xRow + src, wRow + k, yIndex);
                            }
                        }
                    }
                }
            }
        }
    }
}
