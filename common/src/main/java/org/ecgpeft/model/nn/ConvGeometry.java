package org.ecgpeft.model.nn;

/**
 * The fixed shape of a 1-D convolution layer, as {@code torch.nn.Conv1d} takes it: weight
 * {@code [outChannels, inChannels / groups, kernel]}, input {@code [B, inChannels, T]}.
 */
public record ConvGeometry(
        int inChannels, int outChannels, int kernel, int stride, int padding, int dilation, int groups) {

    /** Validates the geometry, naming the field at fault. */
    public ConvGeometry {
        positive("inChannels", inChannels);
        positive("outChannels", outChannels);
        positive("kernel", kernel);
        positive("stride", stride);
        positive("dilation", dilation);
        positive("groups", groups);
        if (padding < 0) {
            throw new IllegalArgumentException("Conv1d: padding must be >= 0, got " + padding);
        }
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException(
                    "Conv1d: channels " + inChannels + "->" + outChannels + " not divisible by groups " + groups);
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("Conv1d: " + name + " must be > 0, got " + value);
        }
    }

    /** Input channels seen by one output channel. */
    public int inPerGroup() {
        return inChannels / groups;
    }

    /** Output channels of one group. */
    public int outPerGroup() {
        return outChannels / groups;
    }

    /** The output length for an input of {@code length} samples (torch's floor formula), at least 0. */
    public int outputLength(int length) {
        int span = dilation * (kernel - 1) + 1;
        int padded = length + 2 * padding;
        return padded < span ? 0 : (padded - span) / stride + 1;
    }

    /** The shortest input that gives {@code outputs} output steps. */
    public int inputLengthFor(int outputs) {
        return Math.max(1, (outputs - 1) * stride + dilation * (kernel - 1) + 1 - 2 * padding);
    }

    @Override
    public String toString() {
        return "Conv1d(" + inChannels + "->" + outChannels + ", k=" + kernel + ", s=" + stride + ", p=" + padding
                + ", d=" + dilation + ", groups=" + groups + ")";
    }
}
