package org.ecgpeft.model.nn;

import java.util.Map;

/** A module that convolves through a {@link ConvOp}; lets a whole model's convolutions be pinned to one path. */
public interface ConvLayer {

    /** This layer's convolution. */
    ConvOp convOp();

    /** Pins every convolution under {@code root} (itself included) to {@code path}; null returns to the self-check. */
    static int pinAll(Module root, ConvPath path) {
        int pinned = 0;
        if (root instanceof ConvLayer layer) {
            layer.convOp().pin(path);
            pinned++;
        }
        for (Map.Entry<String, Module> e : root.namedModules().entrySet()) {
            if (e.getValue() instanceof ConvLayer layer) {
                layer.convOp().pin(path);
                pinned++;
            }
        }
        return pinned;
    }
}
