package org.ecgpeft.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The ways a 1-D convolution can be computed; all three give {@code torch.nn.functional.conv1d}'s result and are
 * differentiable. Which one a layer uses is decided by {@link ConvSelfCheck} against float64 loops.
 *
 * <p>Why three: libtorch 2.7.1's oneDNN CPU kernel blocks channels by the ISA's vector width (16 on AVX-512, 8
 * on AVX2) and was seen to return wrong numbers, and NaN from uncleared padding memory, for ungrouped
 * convolutions whose channel count is not a multiple of that block (20, 24, ...). Padding the channels with zeros
 * to a multiple of 16 keeps the fast kernel on the shapes it handles right; the unfold path uses only strided
 * views and a matrix product, for any host where even that is not enough.
 */
public enum ConvPath {

    /** libtorch's own convolution, as is. */
    NATIVE {
        @Override
        NDArray apply(ConvGeometry g, NDArray x, NDArray w, NDArray bias) {
            return x.getNDArrayInternal()
                    .convolution(
                            x,
                            w,
                            bias,
                            new Shape(g.stride()),
                            new Shape(g.padding()),
                            new Shape(g.dilation()),
                            g.groups())
                    .singletonOrThrow();
        }
    },

    /**
     * libtorch's convolution on input and output channels zero-padded to a multiple of {@link #CHANNEL_BLOCK}
     * (ungrouped layers only; grouped ones run natively), output sliced back.
     */
    CHANNEL_PADDED {
        @Override
        NDArray apply(ConvGeometry g, NDArray x, NDArray w, NDArray bias) {
            int extraIn = padTo(g.inChannels()) - g.inChannels();
            int extraOut = padTo(g.outChannels()) - g.outChannels();
            if (g.groups() != 1 || (extraIn == 0 && extraOut == 0)) {
                return NATIVE.apply(g, x, w, bias);
            }
            NDManager m = x.getManager();
            Shape xs = x.getShape();
            NDArray xPad =
                    extraIn == 0 ? x : x.concat(m.zeros(new Shape(xs.get(0), extraIn, xs.get(2)), x.getDataType()), 1);
            NDArray wPad = w;
            if (extraIn > 0) {
                wPad = rehome(
                        wPad.concat(m.zeros(new Shape(g.outChannels(), extraIn, g.kernel()), w.getDataType()), 1), m);
            }
            if (extraOut > 0) {
                wPad = rehome(
                        wPad.concat(
                                m.zeros(new Shape(extraOut, g.inChannels() + extraIn, g.kernel()), w.getDataType()), 0),
                        m);
            }
            NDArray bPad = bias == null || extraOut == 0
                    ? bias
                    : rehome(bias.concat(m.zeros(new Shape(extraOut), bias.getDataType()), 0), m);
            ConvGeometry padded = new ConvGeometry(
                    g.inChannels() + extraIn,
                    g.outChannels() + extraOut,
                    g.kernel(),
                    g.stride(),
                    g.padding(),
                    g.dilation(),
                    1);
            NDArray y = NATIVE.apply(padded, xPad, wPad, bPad);
            return extraOut == 0 ? y : y.get(":, 0:" + g.outChannels());
        }
    },

    /**
     * im2col without a convolution kernel: one strided view of the (zero-padded) input per kernel tap, stacked to
     * {@code [B, groups, C_in/groups * K, T_out]}, times the weight as {@code [groups, C_out/groups, C_in/groups * K]}.
     */
    UNFOLD {
        @Override
        NDArray apply(ConvGeometry g, NDArray x, NDArray w, NDArray bias) {
            NDManager m = x.getManager();
            Shape xs = x.getShape();
            long batch = xs.get(0);
            int length = Math.toIntExact(xs.get(2));
            int outLen = g.outputLength(length);
            NDArray padded = x;
            if (g.padding() > 0) {
                NDArray zeros = m.zeros(new Shape(batch, g.inChannels(), g.padding()), x.getDataType());
                padded = zeros.concat(x, 2).concat(zeros, 2);
            }
            NDList taps = new NDList(g.kernel());
            for (int k = 0; k < g.kernel(); k++) {
                int start = k * g.dilation();
                int end = start + (outLen - 1) * g.stride() + 1;
                taps.add(padded.get(":, :, " + start + ":" + end + ":" + g.stride()));
            }
            NDArray cols =
                    NDArrays.stack(taps, 2).reshape(batch, g.groups(), (long) g.inPerGroup() * g.kernel(), outLen);
            NDArray kernel = rehome(w.reshape(g.groups(), g.outPerGroup(), (long) g.inPerGroup() * g.kernel()), m);
            NDArray y = kernel.matMul(cols).reshape(batch, g.outChannels(), outLen);
            return bias == null ? y : y.add(rehome(bias.reshape(g.outChannels(), 1), m));
        }
    };

    /** The channel block padded to: the widest oneDNN f32 block (AVX-512) and a multiple of the AVX2 one. */
    public static final int CHANNEL_BLOCK = 16;

    /** {@code [B, C_in, T]} convolved with {@code [C_out, C_in/groups, K]} (+ bias, may be null). */
    abstract NDArray apply(ConvGeometry g, NDArray x, NDArray w, NDArray bias);

    /** The first path to try for a geometry: native where no channel padding is needed, else channel-padded. */
    static ConvPath preferred(ConvGeometry g) {
        boolean aligned = g.groups() != 1
                || g.inChannels() == 1
                || (g.inChannels() % CHANNEL_BLOCK == 0 && g.outChannels() % CHANNEL_BLOCK == 0);
        return aligned ? NATIVE : CHANNEL_PADDED;
    }

    /**
     * An op's result belongs to its receiver's manager; a result computed from a weight must move to the
     * input's manager, or every forward would leak an array for as long as the weights live.
     */
    private static NDArray rehome(NDArray result, NDManager owner) {
        result.attach(owner);
        return result;
    }

    private static int padTo(int channels) {
        return (channels + CHANNEL_BLOCK - 1) / CHANNEL_BLOCK * CHANNEL_BLOCK;
    }
}
