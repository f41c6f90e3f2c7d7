package org.ecgpeft.peft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.ecgpeft.model.nn.Module;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gradient parity against the {@code peft_lora} fixtures: with the fixture's adapter on the (already loaded)
 * base model, the loss of {@code peft_lora_io.safetensors} and the gradient of every trainable parameter
 * must match HF peft's ({@code peft_lora_grads.safetensors}, names {@code ...lora_A.default.weight} and
 * {@code <module>.modules_to_save.default.<param>}).
 */
final class PeftParity {

    private static final Logger LOG = LoggerFactory.getLogger(PeftParity.class);

    private PeftParity() {}

    /** peft's runtime name of one of our trainable parameters. */
    static String runtimeName(String name, LoraConfig config) {
        int lora = name.indexOf(".lora_");
        if (lora >= 0) {
            int dot = name.indexOf('.', lora + 1);
            return "base_model.model." + name.substring(0, dot) + ".default" + name.substring(dot);
        }
        int lastDot = name.lastIndexOf('.');
        String module = name.substring(0, lastDot);
        assertTrue(
                ModuleNames.matchesAny(module, config.modulesToSave()), name + " is neither LoRA nor a saved module");
        return "base_model.model." + module + ".modules_to_save.default" + name.substring(lastDot);
    }

    /**
     * Loads the adapter of {@code fixture}/peft_lora into {@code model}, computes {@code loss} from the io
     * tensors, back-propagates and compares loss (1e-5 absolute) and gradients (1e-4 relative to the largest
     * expected magnitude of each tensor).
     */
    static void check(Path fixture, Module model, NDManager manager, Function<Map<String, NDArray>, NDArray> loss)
            throws Exception {
        LoraConfig config = LoraAdapterFiles.load(fixture.resolve("peft_lora"), model);
        Map<String, NDArray> io = TensorFiles.read(fixture.resolve("peft_lora_io.safetensors"), manager);
        Map<String, NDArray> expected = TensorFiles.read(fixture.resolve("peft_lora_grads.safetensors"), manager);
        Map<String, Parameter> trainable = model.trainableParameters();
        float actualLoss;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray l = loss.apply(io);
            actualLoss = l.getFloat();
            collector.backward(l);
        }
        assertEquals(io.get("loss").getFloat(), actualLoss, 1e-5, "loss");
        TreeSet<String> names = new TreeSet<>();
        double worst = 0;
        for (Map.Entry<String, Parameter> e : trainable.entrySet()) {
            String peftName = runtimeName(e.getKey(), config);
            names.add(peftName);
            float[] want = expected.get(peftName).toFloatArray();
            float[] got;
            try (NDArray g = e.getValue().getArray().getGradient()) {
                got = g.toFloatArray();
            }
            float scale = 0;
            for (float w : want) {
                scale = Math.max(scale, Math.abs(w));
            }
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-4 * Math.max(scale, 1e-6), peftName + "[" + i + "]");
                worst = Math.max(worst, Math.abs(want[i] - got[i]) / Math.max(scale, 1e-6));
            }
        }
        assertEquals(new TreeSet<>(expected.keySet()), names);
        LOG.info(
                "{}: loss {} vs {}; {} gradients, worst relative error {}",
                fixture.getFileName(),
                actualLoss,
                io.get("loss").getFloat(),
                names.size(),
                String.format("%.2e", worst));
    }
}
