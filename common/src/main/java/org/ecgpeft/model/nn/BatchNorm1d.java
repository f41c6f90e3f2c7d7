package org.ecgpeft.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * {@code torch.nn.BatchNorm1d(channels)} over {@code [B, C, T]}: batch statistics while training (running
 * statistics updated with PyTorch's momentum convention), running statistics at evaluation.
 */
public final class BatchNorm1d extends Module {

    private final float eps;
    private final float momentum;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter runningMean;
    private final Parameter runningVar;

    public BatchNorm1d(int channels, float eps, float momentum) {
        if (momentum <= 0f || momentum >= 1f) {
            throw new IllegalArgumentException("BatchNorm1d momentum must be in (0,1), got " + momentum);
        }
        this.eps = eps;
        this.momentum = momentum;
        this.weight = parameter("weight", new Shape(channels), new ConstantInitializer(1f));
        this.bias = parameter("bias", new Shape(channels), new ConstantInitializer(0f));
        this.runningMean = buffer("running_mean", new Shape(channels), new ConstantInitializer(0f));
        this.runningVar = buffer("running_var", new Shape(channels), new ConstantInitializer(1f));
    }

    /** PyTorch defaults: eps 1e-5, momentum 0.1. */
    public BatchNorm1d(int channels) {
        this(channels, 1e-5f, 0.1f);
    }

    public NDArray forward(NDArray x, boolean training) {
        // DJL passes (1 - momentum) to libtorch (MXNet's convention), so hand it the complement.
        return x.getNDArrayInternal()
                .batchNorm(
                        x,
                        value(runningMean),
                        value(runningVar),
                        value(weight),
                        value(bias),
                        1,
                        1f - momentum,
                        eps,
                        training)
                .singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(forward(inputs.singletonOrThrow(), training));
    }
}
