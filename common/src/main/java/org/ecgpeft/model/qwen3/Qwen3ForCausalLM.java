package org.ecgpeft.model.qwen3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ecgpeft.model.nn.Casts;
import org.ecgpeft.model.nn.Linear;
import org.ecgpeft.model.nn.Module;

/**
 * HF {@code Qwen3ForCausalLM}: {@link Qwen3Model} under {@code model.} and an {@code lm_head} projection to
 * the vocabulary. With {@code tie_word_embeddings} there is no {@code lm_head} parameter: the logits use
 * {@code model.embed_tokens.weight}, as HF's tied weights do.
 */
public final class Qwen3ForCausalLM extends Module {

    private final Qwen3Model model;
    private final Linear lmHead;

    public Qwen3ForCausalLM(Qwen3Config config) {
        model = register("model", new Qwen3Model(config));
        lmHead = config.tieWordEmbeddings()
                ? null
                : register("lm_head", new Linear(config.hiddenSize(), config.vocabSize(), false));
    }

    public Qwen3Config config() {
        return model.config();
    }

    public Qwen3Model model() {
        return model;
    }

    /** FP32 token embeddings {@code [B, T, hidden]}, e.g. to splice in a projected ECG feature. */
    public NDArray embed(NDArray inputIds) {
        return model.embed(inputIds);
    }

    /** FP32 logits {@code [B, T, vocab]} for token ids {@code [B, T]}; {@code attentionMask} may be null. */
    public NDArray logits(NDArray inputIds, NDArray attentionMask, boolean training) {
        return forward(embed(inputIds), attentionMask, null, training);
    }

    /** FP32 logits {@code [B, T, vocab]} for input embeddings; see {@link Qwen3Model#forward}. */
    public NDArray forward(NDArray inputsEmbeds, NDArray attentionMask, KvCache cache, boolean training) {
        return lmHead(model.forward(inputsEmbeds, attentionMask, cache, training), training);
    }

    /** Projects final hidden states {@code [..., hidden]} to FP32 vocabulary logits. */
    public NDArray lmHead(NDArray hidden, boolean training) {
        if (lmHead != null) {
            return lmHead.forward(hidden, training);
        }
        NDArray w = model.embedTokens().weight().getArray();
        NDArray in = Casts.to(hidden, w.getDataType());
        return Casts.to(in.getNDArrayInternal().linear(in, w, null).singletonOrThrow(), DataType.FLOAT32);
    }

    /** A fresh cache sized for this model, whose arrays live under {@code parent}. */
    public KvCache newCache(NDManager parent) {
        return new KvCache(parent, config().numHiddenLayers());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        // Inputs: input_ids [B, T] and optionally attention_mask [B, T].
        return new NDList(logits(inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, training));
    }
}
