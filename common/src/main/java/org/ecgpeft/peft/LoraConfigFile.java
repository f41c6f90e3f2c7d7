package org.ecgpeft.peft;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ecgpeft.config.BadKeyException;
import org.ecgpeft.config.Json;

/**
 * Reads and writes HF peft's {@code adapter_config.json} for LoRA. Written files carry peft 0.21's full
 * key set (sorted, as peft writes them) so that {@code PeftModel.from_pretrained} loads them; reading
 * rejects options this implementation does not honour (DoRA, fan-in-fan-out, per-layer rank patterns,
 * layer selection, LoRA bias) with an error naming the key and file, and ignores keys it does not need
 * (newer peft versions add some).
 */
public final class LoraConfigFile {

    public static final String FILE_NAME = "adapter_config.json";
    static final String PEFT_VERSION = "0.21.0";

    private LoraConfigFile() {}

    /** Parses {@code adapter_config.json} in {@code dir} (or the file itself when a file is given). */
    public static LoraConfig read(Path path) throws IOException {
        return Json.FOREIGN.read(
                Files.isDirectory(path) ? path.resolve(FILE_NAME) : path, PeftJson.class, PeftJson::toConfig);
    }

    /** Writes {@code adapter_config.json} into {@code dir}. */
    public static void write(Path dir, LoraConfig config) throws IOException {
        Files.createDirectories(dir);
        Json.FOREIGN.write(dir.resolve(FILE_NAME), toJson(config));
    }

    /**
     * The keys of peft's {@code adapter_config.json} this implementation reads or must check. Options it does
     * not honour must be absent, null or at their default.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PeftJson(
            String peftType,
            Boolean useDora,
            Boolean fanInFanOut,
            Boolean loraBias,
            Map<String, Object> rankPattern,
            Map<String, Object> alphaPattern,
            Object layersToTransform,
            Object targetParameters,
            Object excludeModules,
            Object layerReplication,
            Object targetModules,
            Integer r,
            Double loraAlpha,
            Double loraDropout,
            Boolean useRslora,
            List<String> modulesToSave,
            String bias,
            String taskType,
            String baseModelNameOrPath,
            Map<String, String> autoMapping) {

        PeftJson {
            if (!"LORA".equals(BadKeyException.required(peftType, "peft_type"))) {
                throw BadKeyException.of("peft_type", "must be LORA, got \"" + peftType + "\"");
            }
            unsupported("use_dora", useDora);
            unsupported("fan_in_fan_out", fanInFanOut);
            unsupported("lora_bias", loraBias);
            if (rankPattern != null && !rankPattern.isEmpty()) {
                throw BadKeyException.of(
                        "rank_pattern", "must be empty (per-module ranks are not supported), got " + rankPattern);
            }
            if (alphaPattern != null && !alphaPattern.isEmpty()) {
                throw BadKeyException.of(
                        "alpha_pattern", "must be empty (per-module alphas are not supported), got " + alphaPattern);
            }
            absent("layers_to_transform", layersToTransform);
            absent("target_parameters", targetParameters);
            absent("exclude_modules", excludeModules);
            absent("layer_replication", layerReplication);
            BadKeyException.required(targetModules, "target_modules");
            if (!(targetModules instanceof String)
                    && !(targetModules instanceof List<?> names
                            && names.stream().allMatch(String.class::isInstance))) {
                throw BadKeyException.of(
                        "target_modules",
                        "must be a list of names or a regex string, got " + Json.FOREIGN.write(targetModules));
            }
            BadKeyException.required(r, "r");
            BadKeyException.required(loraAlpha, "lora_alpha");
            BadKeyException.required(loraDropout, "lora_dropout");
        }

        LoraConfig toConfig() {
            @SuppressWarnings("unchecked") // checked to hold strings above
            List<String> names = targetModules instanceof List<?> ? (List<String>) targetModules : null;
            return new LoraConfig(
                    r,
                    loraAlpha,
                    loraDropout,
                    names,
                    targetModules instanceof String regex ? regex : null,
                    useRslora != null && useRslora,
                    modulesToSave == null ? List.of() : modulesToSave,
                    bias == null ? "none" : bias,
                    taskType,
                    baseModelNameOrPath,
                    autoMapping);
        }

        private static void unsupported(String key, Boolean value) {
            if (value != null && value) {
                throw BadKeyException.of(key, "must be false (not supported otherwise), got true");
            }
        }

        private static void absent(String key, Object value) {
            if (value != null) {
                throw BadKeyException.of(key, "is not supported, got " + Json.FOREIGN.write(value));
            }
        }
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
}
