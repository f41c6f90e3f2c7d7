package org.ecgpeft.model.nn;

import ai.djl.ndarray.NDArray;

/**
 * A module inserted after a sub-layer (attention or feed-forward) that maps the sub-layer's output to a
 * replacement of the same shape, such as a bottleneck adapter {@code h + up(act(down(h)))}.
 */
public abstract class SublayerAdapter extends Module {

    /** Returns the adapted sub-layer output. */
    public abstract NDArray forward(NDArray h, boolean training);
}
