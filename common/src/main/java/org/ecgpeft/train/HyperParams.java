package org.ecgpeft.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of a hyper-parameter search. PEFT-specific entries apply to the matching method only
 * ({@code loraR}/{@code loraAlpha} to LoRA, {@code reductionFactor} to bottleneck adapters).
 */
public record HyperParams(
        double learningRate, int batchSize, int epochs, int loraR, double loraAlpha, int reductionFactor) {

    public HyperParams {
        if (!(learningRate > 0)
                || batchSize <= 0
                || epochs <= 0
                || loraR <= 0
                || !(loraAlpha > 0)
                || reductionFactor <= 0) {
            throw new IllegalArgumentException("hyper-parameters must be positive: " + this);
        }
    }

    /** {@code base} with this point's learning rate, batch size and epochs. */
    public TrainerConfig applyTo(TrainerConfig base) {
        return new TrainerConfig(
                epochs,
                batchSize,
                base.accumulationSteps(),
                learningRate,
                base.optimizer(),
                base.schedule(),
                base.warmupRatio(),
                base.maxGradNorm(),
                base.classWeighting(),
                base.oversample(),
                base.patience(),
                base.seed(),
                base.logEvery(),
                base.evalBatchSize());
    }

    /** The values by their config-file keys, e.g. for the {@code ecg_models} table. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("learning_rate", Double.toString(learningRate));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("epochs", Integer.toString(epochs));
        m.put("lora_r", Integer.toString(loraR));
        m.put("lora_alpha", Double.toString(loraAlpha));
        m.put("reduction_factor", Integer.toString(reductionFactor));
        return m;
    }
}
