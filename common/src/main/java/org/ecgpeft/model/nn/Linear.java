package org.ecgpeft.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;

/**
 * {@code y = x W^T + b} with PyTorch's layout ({@code weight [out, in]}) and default initialisation.
 * A {@link LinearDelta} (LoRA) may be attached; its output is added to the base projection.
 */
public final class Linear extends Module {

    private final int inFeatures;
    private final int outFeatures;
    private final Parameter weight;
    private final Parameter bias;
    private LinearDelta delta;

    public Linear(int inFeatures, int outFeatures, boolean bias) {
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("Linear needs positive sizes, got " + inFeatures + " -> " + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        // torch.nn.Linear: kaiming_uniform(a=sqrt(5)) == U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weight and bias.
        float bound = (float) (1.0 / Math.sqrt(inFeatures));
        this.weight = parameter("weight", new Shape(outFeatures, inFeatures), new UniformInitializer(bound));
        this.bias = bias ? parameter("bias", new Shape(outFeatures), new UniformInitializer(bound)) : null;
    }

    public int inFeatures() {
        return inFeatures;
    }

    public int outFeatures() {
        return outFeatures;
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias parameter, or null when the layer has none. */
    public Parameter bias() {
        return bias;
    }

    /** Attaches a low-rank update; its parameters appear under this layer's name (e.g. {@code q_proj.lora_A.weight}). */
    public void attach(LinearDelta newDelta) {
        if (delta != null) {
            throw new IllegalStateException("a delta is already attached to this Linear");
        }
        delta = register("", newDelta);
    }

    /** The attached low-rank update, or null. */
    public LinearDelta delta() {
        return delta;
    }

    /** Applies the base projection in the weight's dtype (e.g. FP16 frozen weights) and returns the input's dtype. */
    public NDArray forward(NDArray x, boolean training) {
        NDArray w = value(weight);
        NDArray in = Casts.to(x, w.getDataType());
        NDArray y = Casts.to(
                in.getNDArrayInternal()
                        .linear(in, w, bias == null ? null : value(bias))
                        .singletonOrThrow(),
                x.getDataType());
        return delta == null ? y : y.add(delta.forward(x, training));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(forward(inputs.singletonOrThrow(), training));
    }
}
