package org.ecgpeft.model.qwen3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ecgpeft.model.nn.Functional;
import org.ecgpeft.model.nn.Linear;
import org.ecgpeft.model.nn.Module;

/** HF {@code Qwen3MLP}: SwiGLU feed-forward {@code down_proj(silu(gate_proj(x)) * up_proj(x))}, no biases. */
public final class Qwen3Mlp extends Module {

    private final Linear gateProj;
    private final Linear upProj;
    private final Linear downProj;

    public Qwen3Mlp(Qwen3Config config) {
        gateProj = register("gate_proj", new Linear(config.hiddenSize(), config.intermediateSize(), false));
        upProj = register("up_proj", new Linear(config.hiddenSize(), config.intermediateSize(), false));
        downProj = register("down_proj", new Linear(config.intermediateSize(), config.hiddenSize(), false));
    }

    public NDArray forward(NDArray x, boolean training) {
        NDArray gated = Functional.silu(gateProj.forward(x, training)).mul(upProj.forward(x, training));
        return downProj.forward(gated, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(forward(inputs.singletonOrThrow(), training));
    }
}
