package org.ecgpeft.peft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ecgpeft.model.nn.Module;

/**
 * A LoRA adapter in HF peft's on-disk layout: {@code adapter_config.json} plus
 * {@code adapter_model.safetensors} with tensors named {@code base_model.model.<module>.lora_A.weight}
 * (no adapter name, as peft saves them) and, for {@code modules_to_save}, the module's own parameters as
 * {@code base_model.model.<module>.<param>}. Python users load it with {@code PeftModel.from_pretrained}.
 */
public final class LoraAdapterFiles {

    public static final String WEIGHTS_FILE = "adapter_model.safetensors";
    static final String PREFIX = "base_model.model.";

    private LoraAdapterFiles() {}

    /** Writes the config and the LoRA (+ saved modules') weights of {@code model} into {@code dir}. */
    public static void save(Path dir, Module model, LoraConfig config) throws IOException {
        if (Lora.attached(model).isEmpty()) {
            throw new IllegalStateException("the model has no LoRA branches to save");
        }
        LoraConfigFile.write(dir, config);
        TensorFiles.write(dir.resolve(WEIGHTS_FILE), arrays(model, config));
    }

    /**
     * Reads the adapter in {@code dir}, attaches it to {@code model} with {@link Lora#apply} and copies its
     * weights in place. Every expected tensor must be present and no other.
     *
     * @return the adapter's config
     */
    public static LoraConfig load(Path dir, Module model) throws IOException {
        LoraConfig config = LoraConfigFile.read(dir);
        Lora.apply(model, config);
        Map<String, NDArray> targets = arrays(model, config);
        NDManager manager = targets.values().iterator().next().getManager();
        try (NDManager scratch = manager.newSubManager()) {
            Map<String, NDArray> loaded = TensorFiles.read(dir.resolve(WEIGHTS_FILE), scratch);
            StateCopy.copyAll(loaded, targets, dir.resolve(WEIGHTS_FILE).toString());
        }
        return config;
    }

    /** The adapter's arrays under their peft names, in model order. */
    static Map<String, NDArray> arrays(Module model, LoraConfig config) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, LoraLinear> e : Lora.attached(model).entrySet()) {
            for (Map.Entry<String, Parameter> p : e.getValue().namedParameters().entrySet()) {
                out.put(PREFIX + e.getKey() + "." + p.getKey(), p.getValue().getArray());
            }
        }
        for (Map.Entry<String, Module> m : model.namedModules().entrySet()) {
            if (ModuleNames.matchesAny(m.getKey(), config.modulesToSave())) {
                for (Map.Entry<String, Parameter> p :
                        m.getValue().namedParameters().entrySet()) {
                    out.put(PREFIX + m.getKey() + "." + p.getKey(), p.getValue().getArray());
                }
            }
        }
        return out;
    }
}
