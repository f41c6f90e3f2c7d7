package org.ecgpeft.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;

/** What the {@link Trainer} needs from a classifier: a forward pass and the parameters to optimise. */
public interface TrainableModel {

    /** Class logits [B, C] for a prepared input batch (see {@link InputPreparer}). */
    NDArray forward(NDArray input, boolean training);

    /** The parameters that receive gradients, by dotted name (PEFT weights and head). */
    Map<String, Parameter> trainableParameters();

    /** The manager (and so the device) of the model's parameters; batches are created under it. */
    NDManager manager();
}
