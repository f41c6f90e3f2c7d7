package org.ecgpeft.ecgllm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ecgpeft.model.qwen3.Qwen3Config;
import org.ecgpeft.model.qwen3.Qwen3ForCausalLM;
import org.ecgpeft.tensor.SafetensorsWriter;

/**
 * A tiny randomly initialised Qwen3 written as an HF model folder ({@code config.json},
 * {@code model.safetensors}, the tokenizer files), so the local CPU proof of the ECG-LLM trains and answers
 * through exactly the loading path of a real Qwen3 folder. Its vocabulary is the real tokenizer's, so the
 * real prompt and answers are used unchanged.
 *
 * <p>The base stays frozen, as in the study, so its {@code lm_head} must be able to express confident tokens:
 * with PyTorch's default init (U(-1/8, 1/8) for hidden 64) and RMS-normalised hidden states of norm 8, no token's
 * logit can exceed about 4.6 against 151,936 competitors, so the answer loss cannot fall below about 7.5 and
 * LoRA learns the answers about three times slower. Its weights are therefore drawn from U(-1, 1), giving the
 * logit range of a trained head; every other weight keeps the default init.
 */
public final class TinyQwen3Base {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] TOKENIZER_FILES = {"tokenizer.json", "tokenizer_config.json"};

    private TinyQwen3Base() {}

    /** Hidden 64, 2 layers, 4 query heads over 2 kv heads of 16, untied head (like Qwen3-8B), given vocabulary. */
    public static Qwen3Config config(int vocabSize) {
        return new Qwen3Config(64, 128, 2, 4, 2, 16, 1e-6, 1_000_000.0, 512, vocabSize, false, false);
    }

    /**
     * Writes a random-init model of {@code config} (seeded) into {@code folder} with the tokenizer files of
     * {@code tokenizerFolder}.
     */
    public static void write(Path folder, Qwen3Config config, Path tokenizerFolder, int seed) throws IOException {
        Files.createDirectories(folder);
        for (String name : TOKENIZER_FILES) {
            Path source = tokenizerFolder.resolve(name);
            if (Files.isRegularFile(source)) {
                Files.copy(source, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        JSON.writeValue(folder.resolve("config.json").toFile(), configJson(config));
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(seed);
            Qwen3ForCausalLM lm = new Qwen3ForCausalLM(config);
            lm.setTrainable(false);
            lm.materialize(manager, DataType.FLOAT32, true);
            if (!config.tieWordEmbeddings()) {
                lm.namedParameters().get("lm_head.weight").getArray().muli((float) Math.sqrt(config.hiddenSize()));
            }
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            lm.namedParameters().forEach((name, p) -> tensors.put(name, p.getArray()));
            SafetensorsWriter.write(folder.resolve("model.safetensors"), tensors, Map.of("format", "pt"));
        }
    }

    /** The {@code config.json} keys that {@link Qwen3Config#fromJson} reads, as HF writes them. */
    static ObjectNode configJson(Qwen3Config c) {
        ObjectNode n = JSON.createObjectNode();
        n.putArray("architectures").add("Qwen3ForCausalLM");
        n.put("model_type", "qwen3");
        n.put("hidden_act", "silu");
        n.put("hidden_size", c.hiddenSize());
        n.put("intermediate_size", c.intermediateSize());
        n.put("num_hidden_layers", c.numHiddenLayers());
        n.put("num_attention_heads", c.numAttentionHeads());
        n.put("num_key_value_heads", c.numKeyValueHeads());
        n.put("head_dim", c.headDim());
        n.put("rms_norm_eps", c.rmsNormEps());
        n.put("rope_theta", c.ropeTheta());
        n.put("max_position_embeddings", c.maxPositionEmbeddings());
        n.put("vocab_size", c.vocabSize());
        n.put("tie_word_embeddings", c.tieWordEmbeddings());
        n.put("attention_bias", c.attentionBias());
        n.put("torch_dtype", "float32");
        return n;
    }
}
