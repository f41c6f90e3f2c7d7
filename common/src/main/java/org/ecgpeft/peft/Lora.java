package org.ecgpeft.peft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecgpeft.model.nn.Linear;
import org.ecgpeft.model.nn.Module;

/**
 * Attaches LoRA branches to a materialized model as HF peft's {@code get_peft_model} does: every
 * {@link Linear} whose dotted name the config targets gets a {@link LoraLinear}; every other parameter is
 * frozen except those of {@code modules_to_save} and of PEFT modules attached before (so LoRA and
 * bottleneck adapters can be combined).
 */
public final class Lora {

    private Lora() {}

    /**
     * Attaches the branches and sets trainability.
     *
     * @return the attached branches by host module name, in model order
     * @throws IllegalArgumentException when no Linear matches the targets (the message lists the Linear
     *     names that could be targeted) or a {@code modules_to_save} entry matches no module
     */
    public static Map<String, LoraLinear> apply(Module model, LoraConfig config) {
        Map<String, Module> modules = model.namedModules();
        List<Module> saved = modulesToSave(model, config.modulesToSave());
        Map<String, LoraLinear> attached = new LinkedHashMap<>();
        List<String> candidates = new ArrayList<>();
        for (Map.Entry<String, Module> e : modules.entrySet()) {
            if (!(e.getValue() instanceof Linear linear)
                    || linear.delta() instanceof LoraLinear
                    || isLoraFactor(e.getKey())) {
                continue;
            }
            candidates.add(e.getKey());
            if (config.targets(e.getKey())) {
                attached.put(e.getKey(), new LoraLinear(linear, config.r(), config.scale(), config.loraDropout()));
            }
        }
        if (attached.isEmpty()) {
            throw new IllegalArgumentException("LoRA target_modules " + describeTargets(config)
                    + " match no Linear layer; candidates: " + candidates);
        }
        for (Map.Entry<String, LoraLinear> e : attached.entrySet()) {
            ((Linear) modules.get(e.getKey())).attach(e.getValue());
        }
        BaseFreezing.freezeAllButPeft(model);
        saved.forEach(m -> m.setTrainable(true));
        return Collections.unmodifiableMap(attached);
    }

    /** The LoRA branches already attached to {@code model}, by host module name. */
    public static Map<String, LoraLinear> attached(Module model) {
        Map<String, LoraLinear> out = new LinkedHashMap<>();
        model.namedModules().forEach((name, m) -> {
            if (m instanceof Linear linear && linear.delta() instanceof LoraLinear lora) {
                out.put(name, lora);
            }
        });
        return out;
    }

    /** Folds every branch into its base weight (for inference). */
    public static void merge(Module model) {
        attached(model).values().forEach(LoraLinear::merge);
    }

    /** Undoes {@link #merge}. */
    public static void unmerge(Module model) {
        attached(model).values().forEach(LoraLinear::unmerge);
    }

    /** The modules selected by {@code modules_to_save} names (peft's suffix rule); each name must match. */
    static List<Module> modulesToSave(Module model, List<String> names) {
        List<Module> out = new ArrayList<>();
        for (String name : names) {
            List<Module> found = new ArrayList<>();
            model.namedModules().forEach((n, m) -> {
                if (ModuleNames.matchesAny(n, List.of(name))) {
                    found.add(m);
                }
            });
            if (found.isEmpty()) {
                throw new IllegalArgumentException("modules_to_save entry '" + name + "' matches no module; modules: "
                        + model.modules().keySet());
            }
            out.addAll(found);
        }
        return out;
    }

    private static boolean isLoraFactor(String name) {
        return name.endsWith(".lora_A") || name.endsWith(".lora_B");
    }

    private static String describeTargets(LoraConfig config) {
        return config.targetRegex() != null
                ? "regex '" + config.targetRegex() + "'"
                : config.targetModules().toString();
    }
}
