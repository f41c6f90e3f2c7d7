package org.ecgpeft.model.qwen3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.ecgpeft.model.nn.Casts;
import org.ecgpeft.model.nn.Embedding;
import org.ecgpeft.model.nn.Module;
import org.ecgpeft.model.nn.RmsNorm;

/**
 * HF {@code Qwen3Model}: token embeddings, the decoder stack and the final RMSNorm. The residual stream
 * is kept in FP32 whatever the weight dtype (FP16 frozen weights compute inside each Linear), so norms,
 * softmax and RoPE keep full precision.
 */
public final class Qwen3Model extends Module {

    private final Qwen3Config config;
    private final Embedding embedTokens;
    private final DecoderLayers layers;
    private final RmsNorm norm;
    private final RotaryEmbedding rotary;

    public Qwen3Model(Qwen3Config config) {
        this.config = config;
        // HF initializer_range 0.02 for embeddings when training from scratch.
        embedTokens = register("embed_tokens", new Embedding(config.vocabSize(), config.hiddenSize(), 0.02f));
        layers = register("layers", new DecoderLayers(config));
        norm = register("norm", new RmsNorm(config.hiddenSize(), (float) config.rmsNormEps()));
        rotary = new RotaryEmbedding(config.headDim(), config.ropeTheta());
    }

    public Qwen3Config config() {
        return config;
    }

    public Embedding embedTokens() {
        return embedTokens;
    }

    public List<Qwen3DecoderLayer> layers() {
        return layers.list();
    }

    /** FP32 embeddings {@code [B, T, hidden]} of integer ids {@code [B, T]}. */
    public NDArray embed(NDArray inputIds) {
        NDArray e = embedTokens.forward(inputIds);
        return Casts.to(e, DataType.FLOAT32);
    }

    /**
     * Final hidden states {@code [B, T, hidden]} for {@code inputsEmbeds [B, T, hidden]}.
     *
     * @param attentionMask {@code [B, past + T]} 1 = token, 0 = left padding; null when there is no padding
     * @param cache         earlier keys/values (appended to), or null for a full forward pass
     */
    public NDArray forward(NDArray inputsEmbeds, NDArray attentionMask, KvCache cache, boolean training) {
        long t = inputsEmbeds.getShape().get(1);
        long past = cache == null ? 0 : cache.length();
        NDArray h = Casts.to(inputsEmbeds, DataType.FLOAT32);
        NDArray positions = AttentionMasks.positionIds(h.getManager(), attentionMask, past, t);
        NDList cosSin = rotary.cosSin(positions);
        NDArray mask = AttentionMasks.additive(h.getManager(), attentionMask, past, t);
        for (Qwen3DecoderLayer layer : layers.list()) {
            h = layer.forward(h, cosSin.get(0), cosSin.get(1), mask, cache, training);
        }
        return norm.forward(h);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        // Inputs: input_ids [B, T] and optionally attention_mask [B, T].
        return new NDList(forward(embed(inputs.get(0)), inputs.size() > 1 ? inputs.get(1) : null, null, training));
    }
}
