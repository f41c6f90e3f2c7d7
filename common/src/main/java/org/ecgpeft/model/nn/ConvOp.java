package org.ecgpeft.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

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

    /**
     * {@code [B, C_in, T]} convolved with {@code weight} ({@code [C_out, C_in/groups, K]}) plus {@code bias} (may be
     * null). The convolution runs in the weight's dtype (FP16 frozen weights: the input is cast down) and the result
     * comes back in the input's dtype, so an FP32 activation stream stays FP32 between layers.
     */
    public NDArray apply(NDArray x, NDArray weight, NDArray bias) {
        if (x.getShape().dimension() != 3 || x.getShape().get(1) != geometry.inChannels()) {
            throw new IllegalArgumentException(
                    geometry + ": expected input [B, " + geometry.inChannels() + ", T], got " + x.getShape());
        }
        DataType computeType = weight.getDataType();
        NDArray in = Casts.to(x, computeType);
        ConvPath path = pinned;
        if (path == null) {
            path = ConvSelfCheck.pathFor(geometry, in.getManager(), computeType, bias != null);
        }
        NDArray y = path.apply(geometry, in, weight, bias);
        return Casts.to(y, x.getDataType());
    }
}
