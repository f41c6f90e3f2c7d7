package org.ecgpeft.ecgllm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecgpeft.model.qwen3.Qwen3ForCausalLM;
import org.ecgpeft.peft.LoraAdapterFiles;
import org.ecgpeft.peft.LoraConfig;
import org.ecgpeft.peft.StateCopy;
import org.ecgpeft.peft.TensorFiles;

/**
 * An ECG-LLM checkpoint holds only what training changed, never the base model:
 * <ul>
 *   <li>{@code adapter_config.json} + {@code adapter_model.safetensors}: the LoRA part in HF peft's layout, so
 *       {@code PeftModel.from_pretrained(Qwen3ForCausalLM..., dir)} loads it in Python;</li>
 *   <li>{@code projector.safetensors}: the projector as {@code projector.0.weight ... projector.4.bias};</li>
 *   <li>{@value #CONFIG_FILE}: the {@link EcgLlmConfig}, the placeholder token id, the base model it was trained
 *       on and any caller-supplied section (e.g. the training settings).</li>
 * </ul>
 */
public final class EcgLlmCheckpoint {

    public static final String CONFIG_FILE = "ecg_llm.json";
    public static final String PROJECTOR_FILE = "projector.safetensors";
    private static final String PROJECTOR_PREFIX = "projector.";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EcgLlmCheckpoint() {}

    /**
     * Writes the checkpoint into {@code dir}.
     *
     * @param baseModel where the base model came from (a folder or a name), recorded for {@code answer}
     * @param extra further JSON sections by name (e.g. {@code "training"}), or an empty map
     */
    public static void save(Path dir, EcgLlm model, String baseModel, Map<String, JsonNode> extra) throws IOException {
        Files.createDirectories(dir);
        EcgLlmConfig config = model.config();
        LoraAdapterFiles.save(dir, model.llm(), config.loraConfig(baseModel));
        TensorFiles.write(dir.resolve(PROJECTOR_FILE), projectorArrays(model));
        ObjectNode root = JSON.createObjectNode();
        root.set("ecg_llm", toJson(config));
        root.put("feature_token_id", model.featureId());
        root.put("base_model", baseModel);
        extra.forEach(root::set);
        JSON.writeValue(dir.resolve(CONFIG_FILE).toFile(), root);
    }

    /** The configuration stored in a checkpoint (without loading any weight). */
    public static EcgLlmConfig readConfig(Path dir) throws IOException {
        return fromJson(readRoot(dir).path("ecg_llm"), dir.resolve(CONFIG_FILE));
    }

    /** The base model recorded at save time. */
    public static String readBaseModel(Path dir) throws IOException {
        return readRoot(dir).path("base_model").asText();
    }

    /**
     * Attaches the checkpoint's LoRA to {@code base} (materialized, frozen, not yet adapted) and loads the
     * projector, on the base's device.
     *
     * @throws IllegalArgumentException when the adapter's settings differ from {@value #CONFIG_FILE}, the
     *     placeholder id does not fit the base, or a tensor is missing, unexpected or of the wrong shape
     */
    public static EcgLlm load(Path dir, Qwen3ForCausalLM base) throws IOException {
        JsonNode root = readRoot(dir);
        Path file = dir.resolve(CONFIG_FILE);
        EcgLlmConfig config = fromJson(root.path("ecg_llm"), file);
        JsonNode featureId = root.get("feature_token_id");
        if (featureId == null || !featureId.canConvertToLong()) {
            throw new IllegalArgumentException(file + ": missing integer key 'feature_token_id'");
        }
        LoraConfig adapter = LoraAdapterFiles.load(dir, base);
        LoraConfig expected = config.loraConfig(adapter.baseModelNameOrPath());
        if (adapter.r() != expected.r()
                || adapter.loraAlpha() != expected.loraAlpha()
                || !new HashSet<>(adapter.targetModules()).equals(new HashSet<>(expected.targetModules()))) {
            throw new IllegalArgumentException(dir + ": adapter_config.json (r " + adapter.r() + ", alpha "
                    + adapter.loraAlpha() + ", targets " + adapter.targetModules() + ") disagrees with " + CONFIG_FILE
                    + " (r " + expected.r() + ", alpha " + expected.loraAlpha() + ", targets "
                    + expected.targetModules() + ")");
        }
        EcgLlm model = EcgLlm.withAttachedLora(base, config, featureId.asLong());
        Map<String, NDArray> targets = projectorArrays(model);
        try (NDManager scratch = model.manager().newSubManager()) {
            Path weights = dir.resolve(PROJECTOR_FILE);
            StateCopy.copyAll(TensorFiles.read(weights, scratch), targets, weights.toString());
        }
        return model;
    }

    private static Map<String, NDArray> projectorArrays(EcgLlm model) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        model.projector().namedParameters().forEach((name, p) -> out.put(PROJECTOR_PREFIX + name, p.getArray()));
        return out;
    }

    private static JsonNode readRoot(Path dir) throws IOException {
        Path file = dir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("not an ECG-LLM checkpoint: no " + file);
        }
        return JSON.readTree(file.toFile());
    }

    static ObjectNode toJson(EcgLlmConfig c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("feature_dim", c.featureDim());
        n.put("lora_rank", c.loraRank());
        n.put("lora_alpha", c.loraAlpha());
        n.put("lora_dropout", c.loraDropout());
        ArrayNode targets = n.putArray("lora_targets");
        c.loraTargets().forEach(targets::add);
        n.put("projector_dropout", c.projectorDropout());
        n.put("prompt_language", c.promptLanguage());
        n.put("max_new_tokens", c.maxNewTokens());
        return n;
    }

    static EcgLlmConfig fromJson(JsonNode n, Path file) {
        try {
            List<String> targets = new ArrayList<>();
            required(n, "lora_targets").forEach(t -> targets.add(t.asText()));
            return new EcgLlmConfig(
                    required(n, "feature_dim").asInt(),
                    required(n, "lora_rank").asInt(),
                    required(n, "lora_alpha").asDouble(),
                    required(n, "lora_dropout").asDouble(),
                    targets,
                    required(n, "projector_dropout").asDouble(),
                    required(n, "prompt_language").asText(),
                    required(n, "max_new_tokens").asInt());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing key 'ecg_llm." + key + "'");
        }
        return v;
    }
}
