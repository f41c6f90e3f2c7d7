package org.ecgpeft.train.study;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Checkpoints;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Classifier;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;
import org.ecgpeft.peft.Adapters;
import org.ecgpeft.peft.Lora;

/**
 * Builds the classifier of one family x PEFT method: the base (pretrained weights loaded, or a random-init
 * tiny architecture), a fresh two-class head, and LoRA on {@code q/k/v/out_proj} or bottleneck adapters in
 * every encoder layer. Afterwards only the PEFT weights and the head are trainable.
 */
public final class ModelFactory {

    private ModelFactory() {}

    /** The base architecture of {@code base} with a two-class head; checks it belongs to {@code family}. */
    public static Wav2Vec2Config architecture(Family family, BaseSpec base) throws IOException {
        Wav2Vec2Config config = base.isPretrained() ? Wav2Vec2Checkpoints.readConfig(base.checkpoint()) : base.tiny();
        if (!config.modelType().equals(family.modelType())) {
            throw new IllegalArgumentException("family " + family.key() + " expects model_type " + family.modelType()
                    + " but its base " + (base.isPretrained() ? base.checkpoint() : "config") + " has "
                    + config.modelType());
        }
        return config.withNumLabels(2);
    }

    /**
     * Builds, initialises (FP32 on {@code manager}'s device), loads the pretrained base if any and attaches the
     * PEFT weights. Random initialisation draws from the engine's RNG: seed it first for reproducible runs.
     */
    public static PeftClassifier build(Family family, BaseSpec base, PeftSpec peft, NDManager manager)
            throws IOException {
        return build(family, base, peft, manager, DataType.FLOAT32);
    }

    /**
     * As {@link #build(Family, BaseSpec, PeftSpec, NDManager)} with the frozen base stored as {@code baseType}
     * (FLOAT32, or FLOAT16 to halve its memory and run its convolutions and projections in FP16); the PEFT weights,
     * the head, their optimizer state and the loss stay FP32. The same seed gives the same base values either way.
     */
    public static PeftClassifier build(
            Family family, BaseSpec base, PeftSpec peft, NDManager manager, DataType baseType) throws IOException {
        if (baseType != DataType.FLOAT32 && baseType != DataType.FLOAT16) {
            throw new IllegalArgumentException("the frozen base is stored as FLOAT32 or FLOAT16, not " + baseType);
        }
        Wav2Vec2Classifier model = family.newClassifier(architecture(family, base));
        // Frozen before allocation: autograd never tracks the base, and its arrays are allocated in baseType.
        model.base().setTrainable(false);
        model.materialize(manager, DataType.FLOAT32, baseType, true);
        if (base.isPretrained()) {
            Wav2Vec2Checkpoints.loadEncoder(base.checkpoint(), model.base());
        }
        attach(model, family, peft);
        return new PeftClassifier(family, peft, model);
    }

    /** Attaches fresh PEFT weights; freezes everything else but the head. */
    static void attach(Wav2Vec2Classifier model, Family family, PeftSpec peft) {
        if (peft.method().isLora()) {
            Lora.apply(model, peft.loraConfig(family.headModules()));
        } else {
            Adapters.apply(
                    model,
                    peft.adapterConfig(family.headModules()),
                    layerPattern(model),
                    model.base().config().hiddenSize());
        }
    }

    /** The encoder layers that get adapters, e.g. {@code wav2vec2\.encoder\.layers\.\d+}. */
    static String layerPattern(Wav2Vec2Classifier model) {
        // Model types are [a-z0-9_], so they need no quoting inside the pattern.
        return model.base().config().modelType() + "\\.encoder\\.layers\\.\\d+";
    }
}
