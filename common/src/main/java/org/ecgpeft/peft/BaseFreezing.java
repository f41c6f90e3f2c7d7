package org.ecgpeft.peft;

import org.ecgpeft.model.nn.Linear;
import org.ecgpeft.model.nn.Module;

/** Freezes a model's base weights while keeping every PEFT module (LoRA branch or bottleneck adapter) trainable. */
final class BaseFreezing {

    private BaseFreezing() {}

    /** Freezes all parameters, then unfreezes those of attached {@link LoraLinear}s and {@link BottleneckAdapter}s. */
    static void freezeAllButPeft(Module model) {
        model.setTrainable(false);
        for (Module m : model.namedModules().values()) {
            // A LoRA branch is registered inline under its Linear, so it is reached through the host.
            if (m instanceof Linear linear && linear.delta() instanceof LoraLinear lora) {
                lora.setTrainable(true);
            } else if (m instanceof BottleneckAdapter) {
                m.setTrainable(true);
            }
        }
    }
}
