package org.ecgpeft.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * RMSNorm as Qwen3 has it: statistics in FP32 whatever the activation dtype, then {@code weight * x}
 * in the input dtype. DJL has no RMSNorm.
 */
public final class RmsNorm extends Module {

    private final float eps;
    private final Parameter weight;

    public RmsNorm(int dim, float eps) {
        this.eps = eps;
        this.weight = parameter("weight", new Shape(dim), new ConstantInitializer(1f));
    }

    public NDArray forward(NDArray x) {
        DataType inType = x.getDataType();
        NDArray h = Casts.to(x, DataType.FLOAT32);
        NDArray variance = h.square().mean(new int[] {-1}, true);
        NDArray normed = h.div(variance.add(eps).sqrt());
        normed = Casts.to(normed, inType);
        // DJL attaches a result to its receiver's manager: keep the activation as receiver (valueLike moves a cast
        // weight to the activation's manager) so per-step temporaries are not accumulated on the weights' manager.
        return normed.mul(valueLike(weight, normed));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(forward(inputs.singletonOrThrow()));
    }
}
