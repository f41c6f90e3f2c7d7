package org.ecgpeft.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * {@code torch.nn.GroupNorm(groups, channels)} over {@code [B, C, T]}: statistics per sample and group
 * across the group's channels and all time steps, then a per-channel affine, in the input's dtype (FP16-stored
 * weights are cast to an FP32 input's). DJL has no GroupNorm.
 */
public final class GroupNorm extends Module {

    private final int groups;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;

    public GroupNorm(int groups, int channels, float eps) {
        if (groups <= 0 || channels % groups != 0) {
            throw new IllegalArgumentException(
                    "GroupNorm: channels " + channels + " not divisible by groups " + groups);
        }
        this.groups = groups;
        this.eps = eps;
        this.weight = parameter("weight", new Shape(channels), new ConstantInitializer(1f));
        this.bias = parameter("bias", new Shape(channels), new ConstantInitializer(0f));
    }

    public NDArray forward(NDArray x) {
        Shape s = x.getShape();
        long batch = s.get(0);
        NDArray grouped = x.reshape(batch, groups, -1);
        NDArray mean = grouped.mean(new int[] {2}, true);
        NDArray centered = grouped.sub(mean);
        NDArray var = centered.square().mean(new int[] {2}, true);
        NDArray normed = centered.div(var.add(eps).sqrt()).reshape(s);
        // Affine over the channel axis by broadcasting [B, T, C] against [C]: an op's result belongs to its
        // receiver's manager, so the weights must never be the receiver (that would leak per forward).
        return normed.transpose(0, 2, 1)
                .mul(valueLike(weight, x))
                .add(valueLike(bias, x))
                .transpose(0, 2, 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(forward(inputs.singletonOrThrow()));
    }
}
