package org.ecgpeft.model.qwen3;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.ecgpeft.config.BadKeyException;

/**
 * The keys of HF's Qwen3 {@code config.json} we use; keys we do not use are ignored. The architecture's sizes
 * are required; {@code num_key_value_heads} defaults to the attention heads, {@code head_dim} to
 * hidden / heads, {@code rope_theta} may sit at the top level (older configs) or under
 * {@code rope_parameters} (newer ones).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Qwen3ConfigJson(
        String modelType,
        String hiddenAct,
        Boolean useSlidingWindow,
        Integer hiddenSize,
        Integer intermediateSize,
        Integer numHiddenLayers,
        Integer numAttentionHeads,
        Integer numKeyValueHeads,
        Integer headDim,
        Double rmsNormEps,
        Double ropeTheta,
        RopeJson ropeParameters,
        Object ropeScaling,
        Integer maxPositionEmbeddings,
        Integer vocabSize,
        Boolean tieWordEmbeddings,
        Boolean attentionBias) {

    Qwen3ConfigJson {
        if (modelType != null && !modelType.equals("qwen3")) {
            throw BadKeyException.of("model_type", "must be \"qwen3\", got \"" + modelType + "\"");
        }
        if (hiddenAct != null && !hiddenAct.equals("silu")) {
            throw BadKeyException.of("hidden_act", "must be \"silu\", got \"" + hiddenAct + "\"");
        }
        if (Boolean.TRUE.equals(useSlidingWindow)) {
            throw BadKeyException.of("use_sliding_window", "true is not supported");
        }
        BadKeyException.required(hiddenSize, "hidden_size");
        BadKeyException.required(intermediateSize, "intermediate_size");
        BadKeyException.required(numHiddenLayers, "num_hidden_layers");
        BadKeyException.required(numAttentionHeads, "num_attention_heads");
        BadKeyException.required(rmsNormEps, "rms_norm_eps");
        BadKeyException.required(maxPositionEmbeddings, "max_position_embeddings");
        BadKeyException.required(vocabSize, "vocab_size");
        if (ropeParameters == null || ropeParameters.ropeTheta() == null) {
            if (ropeScaling != null) {
                throw BadKeyException.of("rope_scaling", "must be null (rope scaling is not supported)");
            }
            if (ropeTheta == null) {
                throw BadKeyException.of("rope_theta", "missing (give it at the top level or under rope_parameters)");
            }
        }
    }

    /** The model's config. */
    Qwen3Config toConfig() {
        return new Qwen3Config(
                hiddenSize,
                intermediateSize,
                numHiddenLayers,
                numAttentionHeads,
                numKeyValueHeads != null ? numKeyValueHeads : numAttentionHeads,
                headDim != null ? headDim : hiddenSize / numAttentionHeads,
                rmsNormEps,
                ropeParameters != null && ropeParameters.ropeTheta() != null ? ropeParameters.ropeTheta() : ropeTheta,
                maxPositionEmbeddings,
                vocabSize,
                tieWordEmbeddings != null && tieWordEmbeddings,
                attentionBias != null && attentionBias);
    }

    /** {@code rope_parameters} of newer configs: only the default rotary embedding is supported. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RopeJson(String ropeType, Double ropeTheta) {

        RopeJson {
            if (ropeType != null && !ropeType.equals("default")) {
                throw BadKeyException.of("rope_type", "\"" + ropeType + "\" is not supported (only \"default\")");
            }
        }
    }
}
