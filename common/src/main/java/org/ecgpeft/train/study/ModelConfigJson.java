package org.ecgpeft.train.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.ecgpeft.model.wav2vec2.ConvStack;
import org.ecgpeft.model.wav2vec2.Dropouts;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;

/**
 * A {@link Wav2Vec2Config} as JSON with HF {@code config.json} key names (plus {@code in_channels} and
 * {@code masked_spec_embed}, which HF derives elsewhere). Used for the {@code "tiny"} configs of a study plan
 * (keys override the family's preset) and for the base architecture recorded in an artifact (every key).
 * Unknown keys are rejected so a typo never silently keeps the preset's value.
 */
public final class ModelConfigJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> KEYS = Set.of(
            "model_type",
            "in_channels",
            "conv_dim",
            "conv_kernel",
            "conv_stride",
            "conv_bias",
            "feat_extract_norm",
            "feat_extract_activation",
            "feat_proj_layer_norm",
            "hidden_size",
            "num_hidden_layers",
            "num_attention_heads",
            "intermediate_size",
            "hidden_act",
            "layer_norm_eps",
            "num_conv_pos_embeddings",
            "num_conv_pos_embedding_groups",
            "do_stable_layer_norm",
            "masked_spec_embed",
            "use_weighted_layer_sum",
            "classifier_proj_size",
            "num_labels",
            "hidden_dropout",
            "activation_dropout",
            "attention_dropout",
            "feat_proj_dropout",
            "final_dropout",
            "layerdrop",
            "sampling_rate");

    private ModelConfigJson() {}

    /** Every field of {@code c}. */
    public static ObjectNode toJson(Wav2Vec2Config c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("model_type", c.modelType());
        n.put("in_channels", c.inChannels());
        c.convDim().forEach(n.putArray("conv_dim")::add);
        c.convKernel().forEach(n.putArray("conv_kernel")::add);
        c.convStride().forEach(n.putArray("conv_stride")::add);
        n.put("conv_bias", c.convBias());
        n.put("feat_extract_norm", c.featExtractNorm());
        n.put("feat_extract_activation", c.featExtractActivation());
        n.put("feat_proj_layer_norm", c.featProjLayerNorm());
        n.put("hidden_size", c.hiddenSize());
        n.put("num_hidden_layers", c.numHiddenLayers());
        n.put("num_attention_heads", c.numAttentionHeads());
        n.put("intermediate_size", c.intermediateSize());
        n.put("hidden_act", c.hiddenAct());
        n.put("layer_norm_eps", c.layerNormEps());
        n.put("num_conv_pos_embeddings", c.numConvPosEmbeddings());
        n.put("num_conv_pos_embedding_groups", c.numConvPosEmbeddingGroups());
        n.put("do_stable_layer_norm", c.doStableLayerNorm());
        n.put("masked_spec_embed", c.maskedSpecEmbed());
        n.put("use_weighted_layer_sum", c.useWeightedLayerSum());
        n.put("classifier_proj_size", c.classifierProjSize());
        n.put("num_labels", c.numLabels());
        Dropouts d = c.dropouts();
        n.put("hidden_dropout", d.hidden());
        n.put("activation_dropout", d.activation());
        n.put("attention_dropout", d.attention());
        n.put("feat_proj_dropout", d.featProj());
        n.put("final_dropout", d.finalDropout());
        n.put("layerdrop", d.layerdrop());
        n.put("sampling_rate", c.samplingRate());
        return n;
    }

    /**
     * {@code base} with the keys of {@code n} replaced.
     *
     * @param where the JSON path of {@code n} for error messages, e.g. {@code families.hubert.tiny}
     * @throws IllegalArgumentException naming {@code where.key} for an unknown key, a wrongly typed value or an
     *     invalid resulting architecture
     */
    public static Wav2Vec2Config fromJson(JsonNode n, Wav2Vec2Config base, String where) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(where + " must be an object of model config keys, got " + n);
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + where + "." + key + "' (known: " + KEYS + ")");
            }
        }
        Reader r = new Reader(n, where);
        Dropouts d = base.dropouts();
        try {
            return new Wav2Vec2Config(
                    r.text("model_type", base.modelType()),
                    r.integer("in_channels", base.inChannels()),
                    new ConvStack(
                            r.ints("conv_dim", base.convDim()),
                            r.ints("conv_kernel", base.convKernel()),
                            r.ints("conv_stride", base.convStride())),
                    r.bool("conv_bias", base.convBias()),
                    r.text("feat_extract_norm", base.featExtractNorm()),
                    r.text("feat_extract_activation", base.featExtractActivation()),
                    r.bool("feat_proj_layer_norm", base.featProjLayerNorm()),
                    r.integer("hidden_size", base.hiddenSize()),
                    r.integer("num_hidden_layers", base.numHiddenLayers()),
                    r.integer("num_attention_heads", base.numAttentionHeads()),
                    r.integer("intermediate_size", base.intermediateSize()),
                    r.text("hidden_act", base.hiddenAct()),
                    (float) r.number("layer_norm_eps", base.layerNormEps()),
                    r.integer("num_conv_pos_embeddings", base.numConvPosEmbeddings()),
                    r.integer("num_conv_pos_embedding_groups", base.numConvPosEmbeddingGroups()),
                    r.bool("do_stable_layer_norm", base.doStableLayerNorm()),
                    r.bool("masked_spec_embed", base.maskedSpecEmbed()),
                    r.bool("use_weighted_layer_sum", base.useWeightedLayerSum()),
                    r.integer("classifier_proj_size", base.classifierProjSize()),
                    r.integer("num_labels", base.numLabels()),
                    new Dropouts(
                            (float) r.number("hidden_dropout", d.hidden()),
                            (float) r.number("activation_dropout", d.activation()),
                            (float) r.number("attention_dropout", d.attention()),
                            (float) r.number("feat_proj_dropout", d.featProj()),
                            (float) r.number("final_dropout", d.finalDropout()),
                            (float) r.number("layerdrop", d.layerdrop())),
                    r.integer("sampling_rate", base.samplingRate()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** Typed reads of optional keys with a fallback, failing with the key's full path. */
    private record Reader(JsonNode n, String where) {

        String text(String key, String fallback) {
            JsonNode v = n.get(key);
            if (v == null) {
                return fallback;
            }
            if (!v.isTextual()) {
                throw bad(key, "a string", v);
            }
            return v.asText();
        }

        int integer(String key, int fallback) {
            JsonNode v = n.get(key);
            if (v == null) {
                return fallback;
            }
            if (!v.canConvertToInt() || !v.isIntegralNumber()) {
                throw bad(key, "an integer", v);
            }
            return v.asInt();
        }

        double number(String key, double fallback) {
            JsonNode v = n.get(key);
            if (v == null) {
                return fallback;
            }
            if (!v.isNumber()) {
                throw bad(key, "a number", v);
            }
            return v.asDouble();
        }

        boolean bool(String key, boolean fallback) {
            JsonNode v = n.get(key);
            if (v == null) {
                return fallback;
            }
            if (!v.isBoolean()) {
                throw bad(key, "true or false", v);
            }
            return v.asBoolean();
        }

        List<Integer> ints(String key, List<Integer> fallback) {
            JsonNode v = n.get(key);
            if (v == null) {
                return fallback;
            }
            if (!v.isArray()) {
                throw bad(key, "a list of integers", v);
            }
            List<Integer> out = new ArrayList<>();
            for (JsonNode e : v) {
                if (!e.isIntegralNumber()) {
                    throw bad(key, "a list of integers", v);
                }
                out.add(e.asInt());
            }
            return out;
        }

        private IllegalArgumentException bad(String key, String expected, JsonNode v) {
            return new IllegalArgumentException("key '" + where + "." + key + "' must be " + expected + ", got " + v);
        }
    }
}
