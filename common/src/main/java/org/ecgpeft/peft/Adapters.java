package org.ecgpeft.peft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ecgpeft.model.nn.Module;

/**
 * Inserts {@link BottleneckAdapter}s into a materialized model: into every module whose dotted name
 * matches {@code layerPattern} and whose {@code adapterSites()} contain all sites of the style. Everything
 * else is frozen except the adapters, {@code modulesToSave} (the head) and PEFT modules attached before.
 */
public final class Adapters {

    private Adapters() {}

    /**
     * Attaches and initialises the adapters (FP32, on the host layer's device).
     *
     * @param layerPattern regular expression over whole dotted module names, e.g. {@code wav2vec2\.encoder\.layers\.\d+}
     * @param hiddenSize the width of the sub-layer outputs the adapters receive
     * @return the attached adapters by their dotted module name (e.g. {@code ...layers.0.adapter_feed_forward})
     * @throws IllegalArgumentException when no module matches; the message lists the modules that have sites
     */
    public static Map<String, BottleneckAdapter> apply(
            Module model, AdapterConfig config, String layerPattern, int hiddenSize) {
        if (hiddenSize <= 0) {
            throw new IllegalArgumentException("hiddenSize must be positive, got " + hiddenSize);
        }
        Pattern pattern = Pattern.compile(layerPattern);
        List<Module> saved = Lora.modulesToSave(model, config.modulesToSave());
        Map<String, Module> hosts = new LinkedHashMap<>();
        List<String> candidates = new ArrayList<>();
        model.namedModules().forEach((name, m) -> {
            if (!m.adapterSites().isEmpty()) {
                candidates.add(name);
                if (pattern.matcher(name).matches()
                        && m.adapterSites().containsAll(config.style().sites())) {
                    hosts.put(name, m);
                }
            }
        });
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no module matches layer pattern '" + layerPattern + "' with sites "
                    + config.style().sites() + "; modules with adapter sites: " + candidates);
        }
        Map<String, BottleneckAdapter> attached = new LinkedHashMap<>();
        for (Map.Entry<String, Module> e : hosts.entrySet()) {
            NDManager manager = deviceManager(e.getKey(), e.getValue());
            for (String site : config.style().sites().stream().sorted().toList()) {
                BottleneckAdapter adapter = new BottleneckAdapter(hiddenSize, config);
                adapter.materialize(manager, DataType.FLOAT32, true);
                initialise(adapter, config.upInit(), manager);
                e.getValue().attachAdapter(site, adapter);
                attached.put(e.getKey() + ".adapter_" + site, adapter);
            }
        }
        BaseFreezing.freezeAllButPeft(model);
        saved.forEach(m -> m.setTrainable(true));
        return Collections.unmodifiableMap(attached);
    }

    /** The adapters attached to {@code model}, by dotted module name. */
    public static Map<String, BottleneckAdapter> attached(Module model) {
        Map<String, BottleneckAdapter> out = new LinkedHashMap<>();
        model.namedModules().forEach((name, m) -> {
            if (m instanceof BottleneckAdapter a) {
                out.put(name, a);
            }
        });
        return out;
    }

    private static void initialise(BottleneckAdapter adapter, AdapterConfig.UpInit upInit, NDManager manager) {
        fill(adapter.down().weight(), manager, true);
        fill(adapter.down().bias(), manager, false);
        fill(adapter.up().weight(), manager, upInit == AdapterConfig.UpInit.NORMAL);
        fill(adapter.up().bias(), manager, false);
    }

    private static void fill(Parameter p, NDManager manager, boolean normal) {
        NDArray target = p.getArray();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray values = normal
                    ? scratch.randomNormal(0f, BottleneckAdapter.INIT_STD, target.getShape(), DataType.FLOAT32)
                    : scratch.zeros(target.getShape(), DataType.FLOAT32);
            StateCopy.copy(p.getName(), values, target);
        }
    }

    private static NDManager deviceManager(String name, Module host) {
        for (Parameter p : host.namedParameters().values()) {
            if (p.isInitialized()) {
                return p.getArray().getManager();
            }
        }
        throw new IllegalStateException("module '" + name + "' is not materialized; materialize the base model first");
    }
}
