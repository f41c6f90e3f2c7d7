package org.ecgpeft.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;
import org.ecgpeft.model.nn.Module;

/** What the {@link Trainer} needs from a classifier: a forward pass and the parameters to optimise. */
public interface TrainableModel {

    /** Class logits [B, C] for a prepared input batch (see {@link InputPreparer}). */
    NDArray forward(NDArray input, boolean training);

    /** The parameters that receive gradients, by dotted name (PEFT weights and head). */
    Map<String, Parameter> trainableParameters();

    /**
     * State that training changes without gradients (BatchNorm running statistics), by dotted name: saved in
     * checkpoints and kept with the best weights beside the trainable parameters. None by default.
     */
    default Map<String, Parameter> buffers() {
        return Map.of();
    }

    /** The manager (and so the device) of the model's parameters; batches are created under it. */
    NDManager manager();

    /** Logits from a prepared batch, e.g. {@code (x, training) -> classifier.classify(x, null, training).logits()}. */
    @FunctionalInterface
    interface Forward {
        NDArray apply(NDArray input, boolean training);
    }

    /** Wraps a materialized {@link Module}: its trainable parameters and buffers, its manager, and a forward. */
    static TrainableModel of(Module module, Forward forward) {
        NDManager manager = module.namedParameters().values().stream()
                .filter(Parameter::isInitialized)
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException(module.getClass().getSimpleName() + " is not materialized"))
                .getArray()
                .getManager();
        return new TrainableModel() {
            @Override
            public NDArray forward(NDArray input, boolean training) {
                return forward.apply(input, training);
            }

            @Override
            public Map<String, Parameter> trainableParameters() {
                return module.trainableParameters();
            }

            @Override
            public Map<String, Parameter> buffers() {
                return module.namedBuffers();
            }

            @Override
            public NDManager manager() {
                return manager;
            }
        };
    }
}
