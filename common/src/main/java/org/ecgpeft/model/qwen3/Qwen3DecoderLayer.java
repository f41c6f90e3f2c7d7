package org.ecgpeft.model.qwen3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Set;
import org.ecgpeft.model.nn.Module;
import org.ecgpeft.model.nn.RmsNorm;

/**
 * HF {@code Qwen3DecoderLayer}: pre-norm attention and SwiGLU sub-layers with residuals. Bottleneck
 * adapters may be inserted on each sub-layer's output, before its residual add (sites {@code attention},
 * {@code feed_forward}).
 */
public final class Qwen3DecoderLayer extends Module {

    private final Qwen3Attention selfAttn;
    private final Qwen3Mlp mlp;
    private final RmsNorm inputLayernorm;
    private final RmsNorm postAttentionLayernorm;

    public Qwen3DecoderLayer(Qwen3Config config, int layerIndex) {
        float eps = (float) config.rmsNormEps();
        selfAttn = register("self_attn", new Qwen3Attention(config, layerIndex));
        mlp = register("mlp", new Qwen3Mlp(config));
        inputLayernorm = register("input_layernorm", new RmsNorm(config.hiddenSize(), eps));
        postAttentionLayernorm = register("post_attention_layernorm", new RmsNorm(config.hiddenSize(), eps));
    }

    @Override
    public Set<String> adapterSites() {
        return Set.of("attention", "feed_forward");
    }

    public NDArray forward(NDArray x, NDArray cos, NDArray sin, NDArray mask, KvCache cache, boolean training) {
        NDArray attn = selfAttn.forward(inputLayernorm.forward(x), cos, sin, mask, cache, training);
        NDArray h = x.add(adapt("attention", attn, training));
        NDArray ff = mlp.forward(postAttentionLayernorm.forward(h), training);
        return h.add(adapt("feed_forward", ff, training));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        // Inputs: x, cos, sin and optionally the additive mask; no cache through the generic block API.
        return new NDList(forward(
                inputs.get(0), inputs.get(1), inputs.get(2), inputs.size() > 3 ? inputs.get(3) : null, null, training));
    }
}
