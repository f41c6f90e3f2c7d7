package org.ecgpeft.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * {@code torch.nn.LayerNorm(dim)} over the last axis, with {@code weight}/{@code bias} names. It normalises in the
 * input's dtype: FP16-stored weights are cast to an FP32 input's dtype, so statistics keep full precision.
 */
public final class LayerNorm extends Module {

    private final int dim;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;

    public LayerNorm(int dim, float eps) {
        this.dim = dim;
        this.eps = eps;
        this.weight = parameter("weight", new Shape(dim), new ConstantInitializer(1f));
        this.bias = parameter("bias", new Shape(dim), new ConstantInitializer(0f));
    }

    public NDArray forward(NDArray x) {
        return x.getNDArrayInternal()
                .layerNorm(x, new Shape(dim), valueLike(weight, x), valueLike(bias, x), eps)
                .singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(forward(inputs.singletonOrThrow()));
    }
}
