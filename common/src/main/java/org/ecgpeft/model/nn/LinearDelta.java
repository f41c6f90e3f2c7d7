package org.ecgpeft.model.nn;

import ai.djl.ndarray.NDArray;

/** An additive update of a {@link Linear}'s output computed from its input, such as a LoRA branch. */
public abstract class LinearDelta extends Module {

    /** Returns the term added to the base layer's output for input {@code x}. */
    public abstract NDArray forward(NDArray x, boolean training);
}
