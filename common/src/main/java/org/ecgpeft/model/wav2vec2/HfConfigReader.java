package org.ecgpeft.model.wav2vec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an HF transformers {@code config.json} of a Wav2Vec2/HuBERT model into a {@link Wav2Vec2Config}.
 * Missing keys take the defaults of HF's {@code Wav2Vec2Config}/{@code HubertConfig}.
 */
final class HfConfigReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HfConfigReader() {}

    static Wav2Vec2Config read(Path configJson) throws IOException {
        if (!Files.isRegularFile(configJson)) {
            throw new IOException("no HF config at " + configJson);
        }
        JsonNode c = JSON.readTree(configJson.toFile());
        try {
            return parse(c, samplingRate(configJson.resolveSibling("preprocessor_config.json")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(configJson + ": " + e.getMessage(), e);
        }
    }

    private static Wav2Vec2Config parse(JsonNode c, int samplingRate) {
        String type = text(c, "model_type", null);
        if (type == null) {
            throw new IllegalArgumentException("model_type is missing");
        }
        if (c.path("conv_pos_batch_norm").asBoolean(false)) {
            throw new IllegalArgumentException("conv_pos_batch_norm=true is not supported");
        }
        if (c.path("add_adapter").asBoolean(false)) {
            throw new IllegalArgumentException("add_adapter=true (HF's output adapter) is not supported");
        }
        List<Integer> dims = ints(c, "conv_dim", List.of(512, 512, 512, 512, 512, 512, 512));
        List<Integer> kernels = ints(c, "conv_kernel", List.of(10, 3, 3, 3, 3, 2, 2));
        List<Integer> strides = ints(c, "conv_stride", List.of(5, 2, 2, 2, 2, 2, 2));
        double maskTime = c.path("mask_time_prob").asDouble(0.05);
        double maskFeature = c.path("mask_feature_prob").asDouble(0.0);
        Dropouts dropouts = new Dropouts(
                (float) c.path("hidden_dropout").asDouble(0.1),
                (float) c.path("activation_dropout").asDouble(0.1),
                (float) c.path("attention_dropout").asDouble(0.1),
                (float) c.path("feat_proj_dropout").asDouble(0.0),
                (float) c.path("final_dropout").asDouble(0.1),
                (float) c.path("layerdrop").asDouble(0.1));
        return new Wav2Vec2Config(
                type,
                1,
                new ConvStack(dims, kernels, strides),
                c.path("conv_bias").asBoolean(false),
                text(c, "feat_extract_norm", "group"),
                text(c, "feat_extract_activation", "gelu"),
                c.path("feat_proj_layer_norm").asBoolean(true),
                c.path("hidden_size").asInt(768),
                c.path("num_hidden_layers").asInt(12),
                c.path("num_attention_heads").asInt(12),
                c.path("intermediate_size").asInt(3072),
                text(c, "hidden_act", "gelu"),
                (float) c.path("layer_norm_eps").asDouble(1e-5),
                c.path("num_conv_pos_embeddings").asInt(128),
                c.path("num_conv_pos_embedding_groups").asInt(16),
                c.path("do_stable_layer_norm").asBoolean(false),
                maskTime > 0 || maskFeature > 0,
                c.path("use_weighted_layer_sum").asBoolean(false),
                c.path("classifier_proj_size").asInt(256),
                numLabels(c),
                dropouts,
                samplingRate);
    }

    /** HF writes {@code id2label} (its size is the label count); {@code num_labels} is the older spelling. */
    private static int numLabels(JsonNode c) {
        if (c.has("id2label") && c.get("id2label").isObject()) {
            return c.get("id2label").size();
        }
        return c.path("num_labels").asInt(2);
    }

    private static int samplingRate(Path preprocessorJson) throws IOException {
        if (!Files.isRegularFile(preprocessorJson)) {
            return 16000;
        }
        return JSON.readTree(preprocessorJson.toFile()).path("sampling_rate").asInt(16000);
    }

    private static String text(JsonNode c, String key, String fallback) {
        JsonNode n = c.get(key);
        return n == null || n.isNull() ? fallback : n.asText();
    }

    private static List<Integer> ints(JsonNode c, String key, List<Integer> fallback) {
        JsonNode n = c.get(key);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException(key + " must be a list of integers, got " + n);
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode v : n) {
            if (!v.canConvertToInt()) {
                throw new IllegalArgumentException(key + " must be a list of integers, got " + n);
            }
            out.add(v.asInt());
        }
        return out;
    }
}
