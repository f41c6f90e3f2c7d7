package org.ecgpeft.peft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ecgpeft.config.BadKeyException;
import org.ecgpeft.config.Json;
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
        Json.OWN.write(
                dir.resolve(CONFIG_FILE),
                new ConfigJson(
                        "bottleneck",
                        config.style().name().toLowerCase(Locale.ROOT),
                        config.style().sites().contains("attention"),
                        config.style().sites().contains("feed_forward"),
                        config.reductionFactor(),
                        config.activation(),
                        config.layerNorm(),
                        config.upInit().name().toLowerCase(Locale.ROOT),
                        hiddenSize,
                        layerPattern,
                        config.modulesToSave(),
                        FORMAT_VERSION));
        TensorFiles.write(dir.resolve(WEIGHTS_FILE), arrays(model, config));
    }

    /** Reads {@code adapter_config.json} of a bottleneck adapter. */
    public static Saved readConfig(Path dir) throws IOException {
        return Json.OWN.read(dir.resolve(CONFIG_FILE), ConfigJson.class, ConfigJson::toSaved);
    }

    /**
     * {@code adapter_config.json} as written. {@code mh_adapter} and {@code output_adapter} are implied by the
     * style (written for AdapterHub-minded readers); every other key is required.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ConfigJson(
            String architecture,
            String style,
            Boolean mhAdapter,
            Boolean outputAdapter,
            Integer reductionFactor,
            String nonLinearity,
            Boolean lnBefore,
            String initWeights,
            Integer hiddenSize,
            String layerPattern,
            List<String> modulesToSave,
            Integer formatVersion) {

        ConfigJson {
            if (!"bottleneck".equals(architecture)) {
                throw BadKeyException.of(
                        "architecture",
                        "must be \"bottleneck\", got "
                                + (architecture == null ? "nothing" : "\"" + architecture + "\""));
            }
            BadKeyException.required(style, "style");
            BadKeyException.required(reductionFactor, "reduction_factor");
            BadKeyException.required(nonLinearity, "non_linearity");
            BadKeyException.required(lnBefore, "ln_before");
            BadKeyException.required(initWeights, "init_weights");
            BadKeyException.required(hiddenSize, "hidden_size");
            BadKeyException.required(layerPattern, "layer_pattern");
            modulesToSave = modulesToSave == null ? List.of() : List.copyOf(modulesToSave);
        }

        Saved toSaved() {
            AdapterConfig config = new AdapterConfig(
                    constant(AdapterConfig.Style.class, style, "style"),
                    reductionFactor,
                    nonLinearity,
                    lnBefore,
                    constant(AdapterConfig.UpInit.class, initWeights, "init_weights"),
                    modulesToSave);
            return new Saved(config, layerPattern, hiddenSize);
        }

        private static <E extends Enum<E>> E constant(Class<E> type, String value, String key) {
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw BadKeyException.of(
                        key,
                        "must be one of "
                                + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ", got \"" + value
                                + "\"",
                        e);
            }
        }
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
