package org.ecgpeft.model.qwen3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ecgpeft.config.JsonFields;

/**
 * The architecture part of a Qwen3 {@code config.json} (HF {@code Qwen3Config}), validated at construction.
 * Field names follow the JSON keys; {@code rope_theta} is read from the top level (older configs) or from
 * {@code rope_parameters} (transformers 5).
 */
public record Qwen3Config(
        int hiddenSize,
        int intermediateSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int numKeyValueHeads,
        int headDim,
        double rmsNormEps,
        double ropeTheta,
        int maxPositionEmbeddings,
        int vocabSize,
        boolean tieWordEmbeddings,
        boolean attentionBias) {

    public Qwen3Config {
        positive("hidden_size", hiddenSize);
        positive("intermediate_size", intermediateSize);
        positive("num_hidden_layers", numHiddenLayers);
        positive("num_attention_heads", numAttentionHeads);
        positive("num_key_value_heads", numKeyValueHeads);
        positive("head_dim", headDim);
        positive("max_position_embeddings", maxPositionEmbeddings);
        positive("vocab_size", vocabSize);
        if (numAttentionHeads % numKeyValueHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads (" + numAttentionHeads
                    + ") must be a multiple of num_key_value_heads (" + numKeyValueHeads + ")");
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("head_dim must be even for rotary embeddings, got " + headDim);
        }
        if (!(rmsNormEps > 0) || !Double.isFinite(rmsNormEps)) {
            throw new IllegalArgumentException("rms_norm_eps must be a positive number, got " + rmsNormEps);
        }
        if (!(ropeTheta > 0) || !Double.isFinite(ropeTheta)) {
            throw new IllegalArgumentException("rope_theta must be a positive number, got " + ropeTheta);
        }
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
    }

    /** Query heads sharing one key/value head (GQA group size). */
    public int groupSize() {
        return numAttentionHeads / numKeyValueHeads;
    }

    /** Qwen/Qwen3-0.6B (tied embeddings). */
    public static Qwen3Config qwen3_0_6B() {
        return new Qwen3Config(1024, 3072, 28, 16, 8, 128, 1e-6, 1_000_000.0, 40960, 151936, true, false);
    }

    /** Qwen/Qwen3-8B (untied lm_head). */
    public static Qwen3Config qwen3_8B() {
        return new Qwen3Config(4096, 12288, 36, 32, 8, 128, 1e-6, 1_000_000.0, 40960, 151936, false, false);
    }

    /** The same model with {@code layers} decoder layers: the real width at a depth that fits a small machine. */
    public Qwen3Config withNumHiddenLayers(int layers) {
        return new Qwen3Config(
                hiddenSize,
                intermediateSize,
                layers,
                numAttentionHeads,
                numKeyValueHeads,
                headDim,
                rmsNormEps,
                ropeTheta,
                maxPositionEmbeddings,
                vocabSize,
                tieWordEmbeddings,
                attentionBias);
    }

    /** Reads a model folder's {@code config.json} (or the file itself). */
    public static Qwen3Config load(Path configOrFolder) throws IOException {
        Path file = Files.isDirectory(configOrFolder) ? configOrFolder.resolve("config.json") : configOrFolder;
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        try {
            return fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Builds a config from a parsed {@code config.json}; rejects features this implementation does not have. */
    public static Qwen3Config fromJson(JsonNode root) {
        String modelType = root.path("model_type").asText("qwen3");
        if (!modelType.equals("qwen3")) {
            throw new IllegalArgumentException("model_type must be 'qwen3', got '" + modelType + "'");
        }
        String act = root.path("hidden_act").asText("silu");
        if (!act.equals("silu")) {
            throw new IllegalArgumentException("hidden_act must be 'silu', got '" + act + "'");
        }
        if (root.path("use_sliding_window").asBoolean(false)) {
            throw new IllegalArgumentException("use_sliding_window=true is not supported");
        }
        int hidden = JsonFields.integer(root, "hidden_size");
        int heads = JsonFields.integer(root, "num_attention_heads");
        JsonNode headDim = root.get("head_dim");
        return new Qwen3Config(
                hidden,
                JsonFields.integer(root, "intermediate_size"),
                JsonFields.integer(root, "num_hidden_layers"),
                heads,
                root.has("num_key_value_heads") ? JsonFields.integer(root, "num_key_value_heads") : heads,
                headDim == null || headDim.isNull() ? hidden / heads : JsonFields.integer(root, "head_dim"),
                JsonFields.number(root, "rms_norm_eps"),
                ropeTheta(root),
                JsonFields.integer(root, "max_position_embeddings"),
                JsonFields.integer(root, "vocab_size"),
                root.path("tie_word_embeddings").asBoolean(false),
                root.path("attention_bias").asBoolean(false));
    }

    private static double ropeTheta(JsonNode root) {
        JsonNode params = root.get("rope_parameters");
        if (params != null && !params.isNull()) {
            String type = params.path("rope_type").asText("default");
            if (!type.equals("default")) {
                throw new IllegalArgumentException(
                        "rope_parameters.rope_type '" + type + "' is not supported (only 'default')");
            }
            if (params.has("rope_theta")) {
                return JsonFields.number(params, "rope_theta");
            }
        }
        JsonNode scaling = root.get("rope_scaling");
        if (scaling != null && !scaling.isNull()) {
            throw new IllegalArgumentException("rope_scaling is not supported");
        }
        if (!root.has("rope_theta")) {
            throw new IllegalArgumentException("missing key 'rope_theta' (top level or under 'rope_parameters')");
        }
        return JsonFields.number(root, "rope_theta");
    }
}
