package org.ecgpeft.model.qwen3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Position ids and the additive causal + padding mask for a step of {@code T} new tokens after
 * {@code past} cached ones. {@code attentionMask [B, past + T]} holds 1 for real tokens, 0 for (left)
 * padding; null means no padding.
 */
final class AttentionMasks {

    /**
     * Large negative instead of -inf: a fully masked query row (a padding position) then gets a uniform
     * softmax instead of NaN, and NaN would leak into real rows through {@code probs @ V}.
     */
    static final float MASKED = -1e30f;

    private AttentionMasks() {}

    /**
     * Positions of the new tokens, {@code [B, T]} int64: as HF generate does, {@code cumsum(mask) - 1} with
     * padding set to 1, so the first real token of every left-padded row is position 0.
     */
    static NDArray positionIds(NDManager manager, NDArray attentionMask, long past, long t) {
        if (attentionMask == null) {
            return manager.arange(past, past + t, 1, DataType.INT64).reshape(1, t);
        }
        NDArray m = attentionMask.toType(DataType.INT64, false);
        NDArray pos = m.cumSum(1).sub(1);
        NDArray filled = pos.mul(m).add(m.neg().add(1));
        return filled.get(new NDIndex(":, {}:", past));
    }

    /** Additive FP32 mask {@code [B or 1, 1, T, past + T]}, or null when nothing needs masking. */
    static NDArray additive(NDManager manager, NDArray attentionMask, long past, long t) {
        if (attentionMask == null && t == 1) {
            return null;
        }
        long total = past + t;
        NDArray keyIdx = manager.arange(0, total, 1, DataType.INT64).reshape(1, 1, 1, total);
        NDArray queryIdx = manager.arange(past, total, 1, DataType.INT64).reshape(1, 1, t, 1);
        NDArray allowed = keyIdx.lte(queryIdx);
        if (attentionMask != null) {
            Shape s = attentionMask.getShape();
            if (s.dimension() != 2 || s.get(1) != total) {
                throw new IllegalArgumentException(
                        "attention mask must be [B, " + total + "] (past " + past + " + new " + t + "), got " + s);
            }
            NDArray keep = attentionMask.toType(DataType.BOOLEAN, false).reshape(s.get(0), 1, 1, total);
            allowed = allowed.logicalAnd(keep);
        }
        return allowed.toType(DataType.FLOAT32, false).sub(1f).mul(-MASKED);
    }
}
