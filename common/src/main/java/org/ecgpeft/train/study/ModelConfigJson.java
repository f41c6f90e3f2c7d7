package org.ecgpeft.train.study;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.ecgpeft.config.BadKeyException;
import org.ecgpeft.config.Json;
import org.ecgpeft.model.wav2vec2.ConvStack;
import org.ecgpeft.model.wav2vec2.Dropouts;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;

/**
 * A {@link Wav2Vec2Config} as JSON with HF {@code config.json} key names (plus {@code in_channels} and
 * {@code masked_spec_embed}, which HF derives elsewhere). Used for the {@code "tiny"} configs of a study plan
 * (the keys given override the family's preset; absent ones are null) and for the base architecture recorded
 * in an artifact (every key). Unknown keys are rejected so a typo never silently keeps the preset's value.
 * The key order is fixed: a run's id hashes this JSON.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelConfigJson(
        String modelType,
        Integer inChannels,
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
        Float layerNormEps,
        Integer numConvPosEmbeddings,
        Integer numConvPosEmbeddingGroups,
        Boolean doStableLayerNorm,
        Boolean maskedSpecEmbed,
        Boolean useWeightedLayerSum,
        Integer classifierProjSize,
        Integer numLabels,
        Float hiddenDropout,
        Float activationDropout,
        Float attentionDropout,
        Float featProjDropout,
        Float finalDropout,
        Float layerdrop,
        Integer samplingRate) {

    /** Every field of {@code c}. */
    public static ModelConfigJson of(Wav2Vec2Config c) {
        Dropouts d = c.dropouts();
        return new ModelConfigJson(
                c.modelType(),
                c.inChannels(),
                c.convDim(),
                c.convKernel(),
                c.convStride(),
                c.convBias(),
                c.featExtractNorm(),
                c.featExtractActivation(),
                c.featProjLayerNorm(),
                c.hiddenSize(),
                c.numHiddenLayers(),
                c.numAttentionHeads(),
                c.intermediateSize(),
                c.hiddenAct(),
                c.layerNormEps(),
                c.numConvPosEmbeddings(),
                c.numConvPosEmbeddingGroups(),
                c.doStableLayerNorm(),
                c.maskedSpecEmbed(),
                c.useWeightedLayerSum(),
                c.classifierProjSize(),
                c.numLabels(),
                d.hidden(),
                d.activation(),
                d.attention(),
                d.featProj(),
                d.finalDropout(),
                d.layerdrop(),
                c.samplingRate());
    }

    /** Every field of {@code c} as a JSON tree. */
    public static JsonNode toJson(Wav2Vec2Config c) {
        return Json.OWN.toTree(of(c));
    }

    /**
     * {@code base} with the keys of {@code n} replaced.
     *
     * @param where the JSON path of {@code n} for error messages, e.g. {@code families.hubert.tiny}
     * @throws IllegalArgumentException naming {@code where.key} for an unknown key or a wrongly typed value, and
     *     {@code where} for an invalid resulting architecture
     */
    public static Wav2Vec2Config fromJson(JsonNode n, Wav2Vec2Config base, String where) {
        return Json.OWN.convert(n, ModelConfigJson.class, where).applyTo(base, where);
    }

    /**
     * {@code base} with the keys given here replaced.
     *
     * @param where the JSON path of this object, named when the result is not a valid architecture
     */
    public Wav2Vec2Config applyTo(Wav2Vec2Config base, String where) {
        Dropouts d = base.dropouts();
        try {
            return new Wav2Vec2Config(
                    or(modelType, base.modelType()),
                    or(inChannels, base.inChannels()),
                    new ConvStack(
                            or(convDim, base.convDim()),
                            or(convKernel, base.convKernel()),
                            or(convStride, base.convStride())),
                    or(convBias, base.convBias()),
                    or(featExtractNorm, base.featExtractNorm()),
                    or(featExtractActivation, base.featExtractActivation()),
                    or(featProjLayerNorm, base.featProjLayerNorm()),
                    or(hiddenSize, base.hiddenSize()),
                    or(numHiddenLayers, base.numHiddenLayers()),
                    or(numAttentionHeads, base.numAttentionHeads()),
                    or(intermediateSize, base.intermediateSize()),
                    or(hiddenAct, base.hiddenAct()),
                    or(layerNormEps, base.layerNormEps()),
                    or(numConvPosEmbeddings, base.numConvPosEmbeddings()),
                    or(numConvPosEmbeddingGroups, base.numConvPosEmbeddingGroups()),
                    or(doStableLayerNorm, base.doStableLayerNorm()),
                    or(maskedSpecEmbed, base.maskedSpecEmbed()),
                    or(useWeightedLayerSum, base.useWeightedLayerSum()),
                    or(classifierProjSize, base.classifierProjSize()),
                    or(numLabels, base.numLabels()),
                    new Dropouts(
                            or(hiddenDropout, d.hidden()),
                            or(activationDropout, d.activation()),
                            or(attentionDropout, d.attention()),
                            or(featProjDropout, d.featProj()),
                            or(finalDropout, d.finalDropout()),
                            or(layerdrop, d.layerdrop())),
                    or(samplingRate, base.samplingRate()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw BadKeyException.of(where, e.getMessage(), e);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
