package org.ecgpeft.ecgllm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.ecgpeft.model.nn.GradMode;
import org.ecgpeft.model.nn.Module;
import org.ecgpeft.model.qwen3.GenerationConfig;
import org.ecgpeft.model.qwen3.GreedyGenerator;
import org.ecgpeft.model.qwen3.Qwen3ForCausalLM;
import org.ecgpeft.peft.Lora;

/**
 * The ECG-reading language model: a frozen {@link Qwen3ForCausalLM} with LoRA branches and a trainable
 * {@link EcgProjector}. The projected encoder feature replaces the input embedding of the prompt's
 * {@code <|ecg_feature|>} token (one position per row), and the model is taught the answer text with HF's
 * shifted causal-LM cross-entropy on the answer tokens only.
 *
 * <p>Sub-modules are {@code llm} and {@code projector}; LoRA names inside {@code llm} are the base model's own
 * (so the adapter saves in peft's layout against the plain Qwen3 checkpoint).
 */
public final class EcgLlm extends Module {

    private final Qwen3ForCausalLM llm;
    private final EcgProjector projector;
    private final EcgLlmConfig config;
    private final long featureId;

    private EcgLlm(Qwen3ForCausalLM llm, EcgProjector projector, EcgLlmConfig config, long featureId) {
        this.llm = register("llm", llm);
        this.projector = register("projector", projector);
        this.config = config;
        this.featureId = featureId;
    }

    /**
     * Attaches fresh LoRA branches (B = 0, so the base's behaviour is unchanged) to a materialized base and a
     * randomly initialised FP32 projector on the base's device. Only LoRA and the projector are trainable.
     *
     * @param featureId the tokenizer's id of {@code <|ecg_feature|>}
     * @param baseModelNameOrPath recorded in the adapter config, as peft does
     */
    public static EcgLlm create(
            Qwen3ForCausalLM base, EcgLlmConfig config, long featureId, String baseModelNameOrPath) {
        requireInVocabulary(base, featureId);
        Lora.apply(base, config.loraConfig(baseModelNameOrPath));
        return withAttachedLora(base, config, featureId);
    }

    /**
     * Wraps a base whose LoRA branches are already attached (e.g. loaded from an adapter) with a new projector,
     * whose weights the caller then loads.
     */
    static EcgLlm withAttachedLora(Qwen3ForCausalLM base, EcgLlmConfig config, long featureId) {
        requireInVocabulary(base, featureId);
        if (Lora.attached(base).isEmpty()) {
            throw new IllegalStateException("the base model has no LoRA branches attached");
        }
        EcgProjector projector =
                new EcgProjector(config.featureDim(), base.config().hiddenSize(), (float) config.projectorDropout());
        projector.materialize(parameterManager(base), DataType.FLOAT32, true);
        return new EcgLlm(base, projector, config, featureId);
    }

    public Qwen3ForCausalLM llm() {
        return llm;
    }

    public EcgProjector projector() {
        return projector;
    }

    public EcgLlmConfig config() {
        return config;
    }

    /** Token id of {@code <|ecg_feature|>}, whose embedding is replaced. */
    public long featureId() {
        return featureId;
    }

    /** The manager (and device) of the model's weights; batches are created under sub-managers of it. */
    public NDManager manager() {
        return parameterManager(llm);
    }

    /**
     * FP32 input embeddings {@code [B, T, H]} of {@code ids [B, T]} where every placeholder position holds
     * the projected {@code features [B, F]} of its row instead of the token's embedding.
     */
    public NDArray inputsEmbeds(NDArray ids, NDArray features, boolean training) {
        if (features.getShape().dimension() != 2
                || features.getShape().get(1) != config.featureDim()
                || features.getShape().get(0) != ids.getShape().get(0)) {
            throw new IllegalArgumentException("features must be ["
                    + ids.getShape().get(0) + ", " + config.featureDim() + "], got " + features.getShape());
        }
        NDArray embeds = llm.embed(ids);
        NDArray projected = projector
                .forward(features.toType(DataType.FLOAT32, false), training)
                .expandDims(1);
        // A 0/1 mask keeps the splice differentiable w.r.t. the projector and works for any batch layout.
        NDArray isFeature = ids.eq(featureId).toType(DataType.FLOAT32, false).expandDims(2);
        return embeds.mul(isFeature.neg().add(1f)).add(projected.mul(isFeature));
    }

    /**
     * Mean cross-entropy over the batch's answer tokens, as HF's causal LM with {@code labels}: the logits at
     * position {@code t} are scored against {@code labels[t + 1]}. Only the trained positions go through
     * {@code lm_head}, which gives the same value while never materializing {@code [B, T, vocab]} logits.
     */
    public NDArray loss(EcgLlmBatch batch, NDArray features, boolean training) {
        long[] positions = batch.lossPositions();
        if (positions.length == 0) {
            throw new IllegalArgumentException("the batch has no answer tokens to train on");
        }
        NDManager m = features.getManager();
        Shape shape = new Shape(batch.rows(), batch.length());
        NDArray ids = m.create(batch.ids(), shape);
        NDArray mask = batch.padded() ? m.create(batch.attentionMask(), shape) : null;
        NDArray hidden = llm.model().forward(inputsEmbeds(ids, features, training), mask, null, training);
        int h = llm.config().hiddenSize();
        NDArray trained = hidden.reshape(-1, h).get(new NDIndex("{}", m.create(positions)));
        NDArray logp = llm.lmHead(trained, training).logSoftmax(-1);
        long vocab = logp.getShape().get(1);
        long[] targets = batch.targets();
        long[] flat = new long[targets.length];
        for (int i = 0; i < targets.length; i++) {
            flat[i] = i * vocab + targets[i];
        }
        return logp.reshape(-1).get(new NDIndex("{}", m.create(flat))).mean().neg();
    }

    /** Greedy answers (new token ids, ending with an EOS id unless cut at the limit) for {@code features [B, F]}. */
    public List<long[]> generate(NDArray features, EcgPromptTokens tokens) {
        if (tokens.featureId() != featureId) {
            throw new IllegalArgumentException("the prompt's placeholder id " + tokens.featureId()
                    + " is not this model's " + featureId + " (another tokenizer?)");
        }
        int rows = Math.toIntExact(features.getShape().get(0));
        EcgLlmBatch batch = EcgLlmBatch.generation(tokens, rows);
        try (NDManager scope = features.getManager().newSubManager()) {
            NDArray ids = scope.create(batch.ids(), new Shape(batch.rows(), batch.length()));
            GenerationConfig generation =
                    GenerationConfig.greedy(config.maxNewTokens(), tokens.eosIds(), tokens.padId());
            return GradMode.off(
                    () -> new GreedyGenerator(llm).generate(inputsEmbeds(ids, features, false), null, generation));
        }
    }

    /** FP32 logits {@code [B, T, vocab]} for {@code ids [B, T]} with the features spliced in; mask may be null. */
    public NDArray logits(NDArray ids, NDArray features, NDArray attentionMask, boolean training) {
        return llm.forward(inputsEmbeds(ids, features, training), attentionMask, null, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        // Inputs: input_ids [B, T], features [B, F] and optionally attention_mask [B, T].
        return new NDList(logits(inputs.get(0), inputs.get(1), inputs.size() > 2 ? inputs.get(2) : null, training));
    }

    private static void requireInVocabulary(Qwen3ForCausalLM base, long featureId) {
        if (featureId < 0 || featureId >= base.config().vocabSize()) {
            throw new IllegalArgumentException(
                    "placeholder token id " + featureId + " is outside the model's vocabulary of "
                            + base.config().vocabSize() + " (does the tokenizer belong to this model?)");
        }
    }

    private static NDManager parameterManager(Qwen3ForCausalLM lm) {
        return lm.model().embedTokens().weight().getArray().getManager();
    }
}
