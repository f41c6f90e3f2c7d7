package org.ecgpeft.ecgllm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ecgpeft.config.BadKeyException;
import org.ecgpeft.config.Json;
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
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("ecg_llm", EcgLlmConfigJson.of(config));
        root.put("feature_token_id", model.featureId());
        root.put("base_model", baseModel);
        root.putAll(extra);
        Json.OWN.write(dir.resolve(CONFIG_FILE), root);
    }

    /** The configuration stored in a checkpoint (without loading any weight). */
    public static EcgLlmConfig readConfig(Path dir) throws IOException {
        return section(dir, "ecg_llm", EcgLlmConfigJson.class).toConfig();
    }

    /** The base model recorded at save time. */
    public static String readBaseModel(Path dir) throws IOException {
        return section(dir, "base_model", String.class);
    }

    /**
     * Attaches the checkpoint's LoRA to {@code base} (materialized, frozen, not yet adapted) and loads the
     * projector, on the base's device.
     *
     * @throws IllegalArgumentException when the adapter's settings differ from {@value #CONFIG_FILE}, the
     *     placeholder id does not fit the base, or a tensor is missing, unexpected or of the wrong shape
     */
    public static EcgLlm load(Path dir, Qwen3ForCausalLM base) throws IOException {
        EcgLlmConfig config = readConfig(dir);
        long featureId = section(dir, "feature_token_id", Long.class);
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
        EcgLlm model = EcgLlm.withAttachedLora(base, config, featureId);
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

    /**
     * The required top-level key {@code key} of {@value #CONFIG_FILE} as {@code type}. The file's other
     * top-level keys are the caller's sections ({@code extra} of {@link #save}), so they are not checked here.
     */
    private static <T> T section(Path dir, String key, Class<T> type) throws IOException {
        Path file = dir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("not an ECG-LLM checkpoint: no " + file);
        }
        JsonNode root = Json.OWN.tree(file);
        return Json.inFile(file, () -> {
            JsonNode node = root.get(key);
            if (node == null || node.isNull()) {
                throw BadKeyException.missing(key);
            }
            return Json.OWN.convert(node, type, key);
        });
    }
}
