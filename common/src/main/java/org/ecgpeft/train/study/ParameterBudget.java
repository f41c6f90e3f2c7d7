package org.ecgpeft.train.study;

import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.regex.Pattern;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Classifier;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;

/**
 * Trainable and total parameter counts of a family x PEFT method from declared shapes alone, so the real base
 * sizes (95M parameters) can be tabulated without allocating them: LoRA adds {@code r x (in + out)} per
 * targeted projection, a bottleneck adapter {@code 2 h b + b + h} (down and up projections with biases).
 *
 * @param base encoder parameters (frozen)
 * @param head classification head parameters (trained)
 * @param peft LoRA or adapter parameters (trained)
 */
public record ParameterBudget(long base, long head, long peft) {

    private static final Pattern LORA_TARGET =
            Pattern.compile(".*\\.attention\\.(q_proj|k_proj|v_proj|out_proj)\\.weight");

    public long trainable() {
        return head + peft;
    }

    public long total() {
        return base + head + peft;
    }

    /** The budget of {@code family} over {@code config} (two-class head) with {@code peft}. */
    public static ParameterBudget of(Family family, Wav2Vec2Config config, PeftSpec peft) {
        Wav2Vec2Classifier model = family.newClassifier(config.withNumLabels(2));
        long base = 0;
        long head = 0;
        long lora = 0;
        for (Map.Entry<String, Shape> e : model.declaredShapes().entrySet()) {
            String name = e.getKey();
            long size = e.getValue().size();
            if (family.headModules().stream().anyMatch(h -> name.startsWith(h + "."))) {
                head += size;
            } else {
                base += size;
                if (LORA_TARGET.matcher(name).matches()) {
                    Shape s = e.getValue();
                    lora += (long) peft.loraR() * (s.get(0) + s.get(1));
                }
            }
        }
        long added;
        if (peft.method().isLora()) {
            added = lora;
        } else {
            long h = config.hiddenSize();
            long b = peft.adapterConfig(family.headModules()).bottleneck(config.hiddenSize());
            added = (long) config.numHiddenLayers()
                    * peft.method().adapterStyle().sites().size()
                    * (2 * h * b + b + h);
        }
        return new ParameterBudget(base, head, added);
    }
}
