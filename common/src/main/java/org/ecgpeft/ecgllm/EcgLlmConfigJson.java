package org.ecgpeft.ecgllm;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.ecgpeft.config.BadKeyException;

/** The {@code "ecg_llm"} section of a checkpoint's {@code ecg_llm.json}: an {@link EcgLlmConfig}, every key required. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record EcgLlmConfigJson(
        Integer featureDim,
        Integer loraRank,
        Double loraAlpha,
        Double loraDropout,
        List<String> loraTargets,
        Double projectorDropout,
        String promptLanguage,
        Integer maxNewTokens) {

    EcgLlmConfigJson {
        BadKeyException.required(featureDim, "feature_dim");
        BadKeyException.required(loraRank, "lora_rank");
        BadKeyException.required(loraAlpha, "lora_alpha");
        BadKeyException.required(loraDropout, "lora_dropout");
        BadKeyException.required(loraTargets, "lora_targets");
        BadKeyException.required(projectorDropout, "projector_dropout");
        BadKeyException.required(promptLanguage, "prompt_language");
        BadKeyException.required(maxNewTokens, "max_new_tokens");
    }

    static EcgLlmConfigJson of(EcgLlmConfig c) {
        return new EcgLlmConfigJson(
                c.featureDim(),
                c.loraRank(),
                c.loraAlpha(),
                c.loraDropout(),
                c.loraTargets(),
                c.projectorDropout(),
                c.promptLanguage(),
                c.maxNewTokens());
    }

    EcgLlmConfig toConfig() {
        return new EcgLlmConfig(
                featureDim,
                loraRank,
                loraAlpha,
                loraDropout,
                loraTargets,
                projectorDropout,
                promptLanguage,
                maxNewTokens);
    }
}
