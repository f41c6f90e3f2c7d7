package org.ecgpeft.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * {@code torch.nn.Conv1d} over {@code [B, C_in, T]} with PyTorch's weight layout {@code [C_out, C_in/groups, K]};
 * the kernel path is self-checked against float64 loops ({@link ConvOp}).
 */
public final class Conv1d extends Module implements ConvLayer {

    private final ConvOp op;
    private final Parameter weight;
    private final Parameter bias;

    public Conv1d(
            int inChannels,
            int outChannels,
            int kernel,
            int stride,
            int padding,
            int dilation,
            int groups,
            boolean bias) {
        this.op = new ConvOp(new ConvGeometry(inChannels, outChannels, kernel, stride, padding, dilation, groups));
        // torch default: kaiming_uniform(a=sqrt(5)) == U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
        float bound = (float) (1.0 / Math.sqrt((double) inChannels / groups * kernel));
        this.weight =
                parameter("weight", new Shape(outChannels, inChannels / groups, kernel), new UniformInitializer(bound));
        this.bias = bias ? parameter("bias", new Shape(outChannels), new UniformInitializer(bound)) : null;
    }

    /** Plain convolution without padding beyond the configured symmetric padding. */
    public Conv1d(int inChannels, int outChannels, int kernel, int stride, boolean bias) {
        this(inChannels, outChannels, kernel, stride, 0, 1, 1, bias);
    }

    public NDArray forward(NDArray x) {
        return op.apply(x, value(weight), bias == null ? null : value(bias));
    }

    @Override
    public ConvOp convOp() {
        return op;
    }

    public Parameter weight() {
        return weight;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(forward(inputs.singletonOrThrow()));
    }
}
