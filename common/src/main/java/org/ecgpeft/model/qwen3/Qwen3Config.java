package org.ecgpeft.model.qwen3;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ecgpeft.config.Json;

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

    /** The vocab_size of every Qwen3 checkpoint: covers each tokenizer id, the added special tokens included. */
    public static final int VOCAB_SIZE = 151936;

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
        return new Qwen3Config(1024, 3072, 28, 16, 8, 128, 1e-6, 1_000_000.0, 40960, VOCAB_SIZE, true, false);
    }

    /** Qwen/Qwen3-8B (untied lm_head). */
    public static Qwen3Config qwen3_8B() {
        return new Qwen3Config(4096, 12288, 36, 32, 8, 128, 1e-6, 1_000_000.0, 40960, VOCAB_SIZE, false, false);
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
        return Json.FOREIGN.read(file, Qwen3ConfigJson.class, Qwen3ConfigJson::toConfig);
    }

    /** Builds a config from a parsed {@code config.json}; rejects features this implementation does not have. */
    public static Qwen3Config fromJson(JsonNode root) {
        return Json.FOREIGN.convert(root, Qwen3ConfigJson.class, "").toConfig();
    }
}
