package org.ecgpeft.ecgllm;

import java.util.List;
import org.ecgpeft.model.qwen3.Qwen3MemoryBudget;
import org.ecgpeft.peft.LoraConfig;

/**
 * What the ECG-LLM adds to a frozen Qwen3: the LoRA branches, the feature projector and the prompt.
 *
 * @param featureDim width of the encoder feature spliced into the prompt (1,024 for the MS-CNN)
 * @param loraRank LoRA rank r
 * @param loraAlpha LoRA scaling numerator (the update is scaled by alpha / r)
 * @param loraDropout dropout on each LoRA branch input
 * @param loraTargets Qwen3 projections that get a LoRA branch (q_proj ... down_proj)
 * @param projectorDropout dropout between the projector's GELU and its second Linear
 * @param promptLanguage {@code zh} (the users' wording) or {@code en}; see {@link PromptTemplate#named}
 * @param maxNewTokens upper bound of generated tokens per answer
 */
public record EcgLlmConfig(
        int featureDim,
        int loraRank,
        double loraAlpha,
        double loraDropout,
        List<String> loraTargets,
        double projectorDropout,
        String promptLanguage,
        int maxNewTokens) {

    public EcgLlmConfig {
        if (featureDim <= 0) {
            throw new IllegalArgumentException("feature_dim must be positive, got " + featureDim);
        }
        if (loraRank <= 0) {
            throw new IllegalArgumentException("lora_rank must be positive, got " + loraRank);
        }
        if (!(loraAlpha > 0) || Double.isInfinite(loraAlpha)) {
            throw new IllegalArgumentException("lora_alpha must be a positive finite number, got " + loraAlpha);
        }
        if (!(loraDropout >= 0 && loraDropout < 1)) {
            throw new IllegalArgumentException("lora_dropout must be in [0, 1), got " + loraDropout);
        }
        if (loraTargets == null || loraTargets.isEmpty()) {
            throw new IllegalArgumentException(
                    "lora_targets must name at least one of " + Qwen3MemoryBudget.PROJECTIONS);
        }
        loraTargets = List.copyOf(loraTargets);
        for (String t : loraTargets) {
            if (!Qwen3MemoryBudget.PROJECTIONS.contains(t)) {
                throw new IllegalArgumentException("lora_targets: unknown projection '" + t + "' (Qwen3 projections: "
                        + Qwen3MemoryBudget.PROJECTIONS + ")");
            }
        }
        if (!(projectorDropout >= 0 && projectorDropout < 1)) {
            throw new IllegalArgumentException("projector_dropout must be in [0, 1), got " + projectorDropout);
        }
        PromptTemplate.named(promptLanguage);
        if (maxNewTokens <= 0) {
            throw new IllegalArgumentException("max_new_tokens must be positive, got " + maxNewTokens);
        }
    }

    /** The study's settings: 1,024-d features, LoRA r 16, alpha 32, dropout 0.05 on all seven projections, zh. */
    public static EcgLlmConfig defaults() {
        return new EcgLlmConfig(1024, 16, 32, 0.05, Qwen3MemoryBudget.PROJECTIONS, 0.1, "zh", 64);
    }

    /** The same settings with another LoRA rank and alpha. */
    public EcgLlmConfig withLora(int rank, double alpha) {
        return new EcgLlmConfig(
                featureDim, rank, alpha, loraDropout, loraTargets, projectorDropout, promptLanguage, maxNewTokens);
    }

    /** The same settings with another feature width. */
    public EcgLlmConfig withFeatureDim(int dim) {
        return new EcgLlmConfig(
                dim, loraRank, loraAlpha, loraDropout, loraTargets, projectorDropout, promptLanguage, maxNewTokens);
    }

    /** The instruction and answers of {@link #promptLanguage}. */
    public PromptTemplate prompt() {
        return PromptTemplate.named(promptLanguage);
    }

    /** The peft config of the LoRA part (task CAUSAL_LM), as written to {@code adapter_config.json}. */
    public LoraConfig loraConfig(String baseModelNameOrPath) {
        return new LoraConfig(
                loraRank,
                loraAlpha,
                loraDropout,
                loraTargets,
                null,
                false,
                List.of(),
                "none",
                "CAUSAL_LM",
                baseModelNameOrPath,
                null);
    }
}
