package org.ecgpeft.model.wav2vec2;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ecgpeft.config.BadKeyException;
import org.ecgpeft.config.Json;

/**
 * Reads an HF transformers {@code config.json} of a Wav2Vec2/HuBERT model into a {@link Wav2Vec2Config}.
 * Missing keys take the defaults of HF's {@code Wav2Vec2Config}/{@code HubertConfig}; keys we do not use
 * are ignored, ours must have the right type.
 */
final class HfConfigReader {

    private HfConfigReader() {}

    static Wav2Vec2Config read(Path configJson) throws IOException {
        if (!Files.isRegularFile(configJson)) {
            throw new IOException("no HF config at " + configJson);
        }
        int samplingRate = samplingRate(configJson.resolveSibling("preprocessor_config.json"));
        return Json.FOREIGN.read(configJson, HfEncoderJson.class, c -> c.toConfig(samplingRate));
    }

    private static int samplingRate(Path preprocessorJson) throws IOException {
        if (!Files.isRegularFile(preprocessorJson)) {
            return 16000;
        }
        Integer rate =
                Json.FOREIGN.read(preprocessorJson, PreprocessorJson.class).samplingRate();
        return rate != null ? rate : 16000;
    }

    /** The keys of {@code preprocessor_config.json} we use. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PreprocessorJson(Integer samplingRate) {}

    /** The keys of HF's {@code config.json} we use; null where absent (HF's default applies). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record HfEncoderJson(
            String modelType,
            Boolean convPosBatchNorm,
            Boolean addAdapter,
            List<Integer> convDim,
            List<Integer> convKernel,
            List<Integer> convStride,
            Boolean convBias,
            String featExtractNorm,
            String featExtractActivation,
            Boolean featProjLayerNorm,
            Integer hiddenSize,
            Integer numHiddenLayers,
            Integer numAttentionHeads,
            Integer intermediateSize,
            String hiddenAct,
            Double layerNormEps,
            Integer numConvPosEmbeddings,
            Integer numConvPosEmbeddingGroups,
            Boolean doStableLayerNorm,
            Double maskTimeProb,
            Double maskFeatureProb,
            Boolean useWeightedLayerSum,
            Integer classifierProjSize,
            Map<String, String> id2label,
            Integer numLabels,
            Double hiddenDropout,
            Double activationDropout,
            Double attentionDropout,
            Double featProjDropout,
            Double finalDropout,
            Double layerdrop) {

        HfEncoderJson {
            BadKeyException.required(modelType, "model_type");
            if (Boolean.TRUE.equals(convPosBatchNorm)) {
                throw BadKeyException.of("conv_pos_batch_norm", "true is not supported");
            }
            if (Boolean.TRUE.equals(addAdapter)) {
                throw BadKeyException.of("add_adapter", "true (HF's output adapter) is not supported");
            }
        }

        Wav2Vec2Config toConfig(int samplingRate) {
            Dropouts dropouts = new Dropouts(
                    or(hiddenDropout, 0.1).floatValue(),
                    or(activationDropout, 0.1).floatValue(),
                    or(attentionDropout, 0.1).floatValue(),
                    or(featProjDropout, 0.0).floatValue(),
                    or(finalDropout, 0.1).floatValue(),
                    or(layerdrop, 0.1).floatValue());
            return new Wav2Vec2Config(
                    modelType,
                    1,
                    new ConvStack(
                            or(convDim, List.of(512, 512, 512, 512, 512, 512, 512)),
                            or(convKernel, List.of(10, 3, 3, 3, 3, 2, 2)),
                            or(convStride, List.of(5, 2, 2, 2, 2, 2, 2))),
                    or(convBias, false),
                    or(featExtractNorm, "group"),
                    or(featExtractActivation, "gelu"),
                    or(featProjLayerNorm, true),
                    or(hiddenSize, 768),
                    or(numHiddenLayers, 12),
                    or(numAttentionHeads, 12),
                    or(intermediateSize, 3072),
                    or(hiddenAct, "gelu"),
                    or(layerNormEps, 1e-5).floatValue(),
                    or(numConvPosEmbeddings, 128),
                    or(numConvPosEmbeddingGroups, 16),
                    or(doStableLayerNorm, false),
                    or(maskTimeProb, 0.05) > 0 || or(maskFeatureProb, 0.0) > 0,
                    or(useWeightedLayerSum, false),
                    or(classifierProjSize, 256),
                    // HF writes id2label (its size is the label count); num_labels is the older spelling.
                    id2label != null ? id2label.size() : or(numLabels, 2),
                    dropouts,
                    samplingRate);
        }

        private static <T> T or(T value, T fallback) {
            return value != null ? value : fallback;
        }
    }
}
