package org.ecgpeft.model.qwen3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embedding with HF's "default" rope type and the {@code rotate_half} convention: the
 * head dimension is split into two halves that rotate together, frequency {@code theta^(-2i/d)}.
 * Angles are computed in FP32 from explicit position ids, so left-padded rows get their own positions.
 */
public final class RotaryEmbedding {

    private final float[] invFreq;

    public RotaryEmbedding(int headDim, double theta) {
        invFreq = new float[headDim / 2];
        for (int i = 0; i < invFreq.length; i++) {
            // HF: 1 / base ** (arange(0, dim, 2).float() / dim), evaluated in float32.
            float exponent = (float) (2 * i) / headDim;
            invFreq[i] = (float) (1.0 / Math.pow(theta, exponent));
        }
    }

    /**
     * Returns {@code cos} and {@code sin} of shape {@code [B, 1, T, headDim]} (FP32) for position ids
     * {@code [B, T]} (any integer or float type), ready to broadcast over heads.
     */
    public NDList cosSin(NDArray positionIds) {
        NDManager manager = positionIds.getManager();
        NDArray pos = positionIds.toType(DataType.FLOAT32, false).expandDims(-1);
        NDArray freqs = pos.mul(manager.create(invFreq).reshape(new Shape(1, 1, invFreq.length)));
        NDArray emb = freqs.concat(freqs, -1).expandDims(1);
        return new NDList(emb.cos(), emb.sin());
    }

    /** {@code x * cos + rotate_half(x) * sin} for {@code x [B, heads, T, headDim]}. */
    public static NDArray apply(NDArray x, NDArray cos, NDArray sin) {
        long half = x.getShape().get(3) / 2;
        NDArray x1 = x.get(new NDIndex("..., :{}", half));
        NDArray x2 = x.get(new NDIndex("..., {}:", half));
        NDArray rotated = x2.neg().concat(x1, -1);
        NDArray c = cos.getDataType() == x.getDataType() ? cos : cos.toType(x.getDataType(), false);
        NDArray s = sin.getDataType() == x.getDataType() ? sin : sin.toType(x.getDataType(), false);
        return x.mul(c).add(rotated.mul(s));
    }
}
