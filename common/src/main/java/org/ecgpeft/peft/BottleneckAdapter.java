package org.ecgpeft.peft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ecgpeft.model.nn.Casts;
import org.ecgpeft.model.nn.Functional;
import org.ecgpeft.model.nn.LayerNorm;
import org.ecgpeft.model.nn.Linear;
import org.ecgpeft.model.nn.SublayerAdapter;

/**
 * A bottleneck adapter {@code h + up(act(down(LN(h))))} (LN optional), placed after a sub-layer. It
 * computes in FP32 and returns the input's dtype. Initialised near the identity: the down-projection and
 * (with {@link AdapterConfig.UpInit#NORMAL}) the up-projection weights are N(0, 0.01), biases zero, or the
 * up-projection is all zeros.
 */
public final class BottleneckAdapter extends SublayerAdapter {

    static final float INIT_STD = 0.01f;

    private final LayerNorm norm;
    private final Linear down;
    private final Linear up;
    private final String activation;

    /** Declares the adapter for {@code hiddenSize}; {@link Adapters#apply} materializes and initialises it. */
    BottleneckAdapter(int hiddenSize, AdapterConfig config) {
        this.norm = config.layerNorm() ? register("layer_norm", new LayerNorm(hiddenSize, 1e-5f)) : null;
        int bottleneck = config.bottleneck(hiddenSize);
        this.down = register("down", new Linear(hiddenSize, bottleneck, true));
        this.up = register("up", new Linear(bottleneck, hiddenSize, true));
        this.activation = config.activation();
    }

    Linear down() {
        return down;
    }

    Linear up() {
        return up;
    }

    @Override
    public NDArray forward(NDArray h, boolean training) {
        NDArray x = Casts.to(h, DataType.FLOAT32);
        NDArray z = norm == null ? x : norm.forward(x);
        NDArray out = x.add(up.forward(Functional.activation(activation, down.forward(z, training)), training));
        return Casts.to(out, h.getDataType());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(forward(inputs.singletonOrThrow(), training));
    }
}
