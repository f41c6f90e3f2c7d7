package org.ecgpeft.peft;

import static org.ecgpeft.config.JsonFields.integer;
import static org.ecgpeft.config.JsonFields.number;
import static org.ecgpeft.config.JsonFields.required;
import static org.ecgpeft.config.JsonFields.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ecgpeft.config.JsonFields;

/**
 * Reads and writes HF peft's {@code adapter_config.json} for LoRA. Written files carry peft 0.21's full
 * key set (sorted, as peft writes them) so that {@code PeftModel.from_pretrained} loads them; reading
 * rejects options this implementation does not honour (DoRA, fan-in-fan-out, per-layer rank patterns,
 * layer selection, LoRA bias) with an error naming the key and file.
 */
public final class LoraConfigFile {

    public static final String FILE_NAME = "adapter_config.json";
    static final String PEFT_VERSION = "0.21.0";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LoraConfigFile() {}

    /** Parses {@code adapter_config.json} in {@code dir} (or the file itself when a file is given). */
    public static LoraConfig read(Path path) throws IOException {
        return JsonFields.read(Files.isDirectory(path) ? path.resolve(FILE_NAME) : path, LoraConfigFile::parse);
    }

    /** Writes {@code adapter_config.json} into {@code dir}. */
    public static void write(Path dir, LoraConfig config) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve(FILE_NAME).toFile(), toJson(config));
    }

    static LoraConfig parse(JsonNode root) {
        requireText(root, "peft_type", "LORA");
        requireValue(root, "use_dora", false);
        requireValue(root, "fan_in_fan_out", false);
        requireValue(root, "lora_bias", false);
        for (String key : List.of("rank_pattern", "alpha_pattern")) {
            JsonNode n = root.get(key);
            if (n != null && !n.isNull() && n.size() > 0) {
                throw new IllegalArgumentException(
                        "key '" + key + "' must be empty (per-module ranks are not supported), got " + n);
            }
        }
        for (String key : List.of("layers_to_transform", "target_parameters", "exclude_modules", "layer_replication")) {
            JsonNode n = root.get(key);
            if (n != null && !n.isNull()) {
                throw new IllegalArgumentException("key '" + key + "' is not supported, got " + n);
            }
        }
        JsonNode targets = required(root, "target_modules");
        List<String> names = null;
        String regex = null;
        if (targets.isTextual()) {
            regex = targets.asText();
        } else if (targets.isArray()) {
            names = strings(targets, "target_modules");
        } else {
            throw new IllegalArgumentException("key 'target_modules' must be a list or a regex string, got " + targets);
        }
        JsonNode toSave = root.get("modules_to_save");
        Map<String, String> autoMapping = null;
        JsonNode am = root.get("auto_mapping");
        if (am != null && am.isObject()) {
            autoMapping = new LinkedHashMap<>();
            for (var it = am.fields(); it.hasNext(); ) {
                var e = it.next();
                autoMapping.put(e.getKey(), e.getValue().asText());
            }
        }
        return new LoraConfig(
                integer(root, "r"),
                number(root, "lora_alpha"),
                number(root, "lora_dropout"),
                names,
                regex,
                root.path("use_rslora").asBoolean(false),
                toSave == null || toSave.isNull() ? List.of() : strings(toSave, "modules_to_save"),
                root.path("bias").asText("none"),
                textOrNull(root, "task_type"),
                textOrNull(root, "base_model_name_or_path"),
                autoMapping);
    }

    static Map<String, Object> toJson(LoraConfig c) {
        Map<String, Object> m = new TreeMap<>();
        // Keys this implementation does not use, at peft 0.21's defaults, so peft reads the file unchanged.
        for (String key : List.of(
                "alora_invocation_tokens",
                "arrow_config",
                "corda_config",
                "eva_config",
                "exclude_modules",
                "kasa_config",
                "layer_replication",
                "layers_pattern",
                "layers_to_transform",
                "lora_ga_config",
                "megatron_config",
                "monteclora_config",
                "revision",
                "target_parameters",
                "trainable_token_indices",
                "use_bdlora",
                "velora_config")) {
            m.put(key, null);
        }
        m.put("alpha_pattern", Map.of());
        m.put("rank_pattern", Map.of());
        m.put("loftq_config", Map.of());
        m.put("ensure_weight_tying", false);
        m.put("fan_in_fan_out", false);
        m.put("inference_mode", true);
        m.put("init_lora_weights", true);
        m.put("lora_bias", false);
        m.put("megatron_core", "megatron.core");
        m.put("peft_type", "LORA");
        m.put("peft_version", PEFT_VERSION);
        m.put("qalora_group_size", 16);
        m.put("use_dora", false);
        m.put("use_qalora", false);
        // Keys carrying this config.
        m.put("auto_mapping", c.autoMapping() == null ? null : new TreeMap<>(c.autoMapping()));
        m.put("base_model_name_or_path", c.baseModelNameOrPath());
        m.put("bias", c.bias());
        m.put("lora_alpha", c.loraAlpha() == Math.rint(c.loraAlpha()) ? (Object) (long) c.loraAlpha() : c.loraAlpha());
        m.put("lora_dropout", c.loraDropout());
        m.put("modules_to_save", c.modulesToSave().isEmpty() ? null : c.modulesToSave());
        m.put("r", c.r());
        m.put("target_modules", c.targetRegex() != null ? c.targetRegex() : c.targetModules());
        m.put("task_type", c.taskType());
        m.put("use_rslora", c.useRslora());
        return m;
    }

    private static String textOrNull(JsonNode root, String key) {
        JsonNode n = root.get(key);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static void requireText(JsonNode root, String key, String expected) {
        JsonNode n = required(root, key);
        if (!expected.equals(n.asText())) {
            throw new IllegalArgumentException("key '" + key + "' must be " + expected + ", got " + n);
        }
    }

    private static void requireValue(JsonNode root, String key, boolean expected) {
        JsonNode n = root.get(key);
        if (n != null && !n.isNull() && n.asBoolean() != expected) {
            throw new IllegalArgumentException(
                    "key '" + key + "' must be " + expected + " (not supported otherwise), got " + n);
        }
    }
}
