package org.ecgpeft.peft;

import static org.ecgpeft.config.JsonFields.required;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ecgpeft.config.JsonFields;
import org.ecgpeft.model.nn.Module;

/**
 * Bottleneck adapters on disk. HF peft has no bottleneck adapters, so the layout follows AdapterHub's
 * spirit with our own keys: {@code adapter_config.json}
 * <pre>
 * {"architecture": "bottleneck", "style": "houlsby"|"pfeiffer", "mh_adapter": bool, "output_adapter": bool,
 *  "reduction_factor": int, "non_linearity": "relu", "ln_before": bool, "init_weights": "zero"|"normal",
 *  "hidden_size": int, "layer_pattern": regex, "modules_to_save": [names], "format_version": 1}
 * </pre>
 * ({@code mh_adapter}/{@code output_adapter}: after attention / after feed-forward, as AdapterHub names them)
 * and {@code adapter_model.safetensors} with every adapter and saved-module parameter under its dotted model
 * name, e.g. {@code wav2vec2.encoder.layers.0.adapter_feed_forward.down.weight}.
 */
public final class AdapterFiles {

    public static final String CONFIG_FILE = "adapter_config.json";
    public static final String WEIGHTS_FILE = "adapter_model.safetensors";
    static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AdapterFiles() {}

    /** A saved adapter's settings: what {@link Adapters#apply} needs to rebuild it. */
    public record Saved(AdapterConfig config, String layerPattern, int hiddenSize) {}

    /** Writes config and weights of the adapters (and saved modules) of {@code model} into {@code dir}. */
    public static void save(Path dir, Module model, AdapterConfig config, String layerPattern, int hiddenSize)
            throws IOException {
        if (Adapters.attached(model).isEmpty()) {
            throw new IllegalStateException("the model has no bottleneck adapters to save");
        }
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("architecture", "bottleneck");
        json.put("style", config.style().name().toLowerCase(Locale.ROOT));
        json.put("mh_adapter", config.style().sites().contains("attention"));
        json.put("output_adapter", config.style().sites().contains("feed_forward"));
        json.put("reduction_factor", config.reductionFactor());
        json.put("non_linearity", config.activation());
        json.put("ln_before", config.layerNorm());
        json.put("init_weights", config.upInit().name().toLowerCase(Locale.ROOT));
        json.put("hidden_size", hiddenSize);
        json.put("layer_pattern", layerPattern);
        json.put("modules_to_save", config.modulesToSave());
        json.put("format_version", FORMAT_VERSION);
        JSON.writeValue(dir.resolve(CONFIG_FILE).toFile(), json);
        TensorFiles.write(dir.resolve(WEIGHTS_FILE), arrays(model, config));
    }

    /** Reads {@code adapter_config.json} of a bottleneck adapter. */
    public static Saved readConfig(Path dir) throws IOException {
        return JsonFields.read(dir.resolve(CONFIG_FILE), AdapterFiles::parseConfig);
    }

    private static Saved parseConfig(JsonNode root) {
        if (!"bottleneck".equals(root.path("architecture").asText())) {
            throw new IllegalArgumentException(
                    "key 'architecture' must be \"bottleneck\", got " + root.get("architecture"));
        }
        List<String> toSave = new ArrayList<>();
        root.path("modules_to_save").forEach(n -> toSave.add(n.asText()));
        AdapterConfig config = new AdapterConfig(
                AdapterConfig.Style.valueOf(required(root, "style").asText().toUpperCase(Locale.ROOT)),
                required(root, "reduction_factor").asInt(),
                required(root, "non_linearity").asText(),
                required(root, "ln_before").asBoolean(),
                AdapterConfig.UpInit.valueOf(
                        required(root, "init_weights").asText().toUpperCase(Locale.ROOT)),
                toSave);
        return new Saved(
                config,
                required(root, "layer_pattern").asText(),
                required(root, "hidden_size").asInt());
    }

    /** Rebuilds the adapters of {@code dir} on {@code model} and copies their weights in place. */
    public static Saved load(Path dir, Module model) throws IOException {
        Saved saved = readConfig(dir);
        Adapters.apply(model, saved.config(), saved.layerPattern(), saved.hiddenSize());
        Map<String, NDArray> targets = arrays(model, saved.config());
        try (NDManager scratch = targets.values().iterator().next().getManager().newSubManager()) {
            Map<String, NDArray> loaded = TensorFiles.read(dir.resolve(WEIGHTS_FILE), scratch);
            StateCopy.copyAll(loaded, targets, dir.resolve(WEIGHTS_FILE).toString());
        }
        return saved;
    }

    private static Map<String, NDArray> arrays(Module model, AdapterConfig config) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, Module> m : model.namedModules().entrySet()) {
            if (m.getValue() instanceof BottleneckAdapter
                    || ModuleNames.matchesAny(m.getKey(), config.modulesToSave())) {
                for (Map.Entry<String, Parameter> p :
                        m.getValue().namedParameters().entrySet()) {
                    out.put(m.getKey() + "." + p.getKey(), p.getValue().getArray());
                }
            }
        }
        return out;
    }
}
