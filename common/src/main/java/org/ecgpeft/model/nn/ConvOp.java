package org.ecgpeft.model.nn;

import ai.djl.ndarray.NDArray;

/**
 * One layer's convolution: its geometry and the {@link ConvPath} it runs, chosen by {@link ConvSelfCheck} on
 * first use unless pinned (tests pin the reference path; a user may pin one to rule the kernels out).
 */
public final class ConvOp {

    private final ConvGeometry geometry;
    private volatile ConvPath pinned;

    public ConvOp(ConvGeometry geometry) {
        this.geometry = geometry;
    }

    public ConvGeometry geometry() {
        return geometry;
    }

    /** Uses {@code path} from now on, or the self-checked choice again when null. */
    public void pin(ConvPath path) {
        this.pinned = path;
    }

    /** {@code [B, C_in, T]} convolved with {@code weight} ({@code [C_out, C_in/groups, K]}) plus {@code bias} (may be null). */
    public NDArray apply(NDArray x, NDArray weight, NDArray bias) {
        if (x.getShape().dimension() != 3 || x.getShape().get(1) != geometry.inChannels()) {
            throw new IllegalArgumentException(geometry + ": expected input [B, " + geometry.inChannels() + ", T], got "
                    + x.getShape());
        }
        ConvPath path = pinned;
        if (path == null) {
            path = ConvSelfCheck.pathFor(geometry, x.getManager(), x.getDataType(), bias != null);
        }
        return path.apply(geometry, x, weight, bias);
    }
}
