package org.ecgpeft.peft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ecgpeft.model.nn.Casts;
import org.ecgpeft.model.nn.Functional;
import org.ecgpeft.model.nn.Linear;
import org.ecgpeft.model.nn.LinearDelta;

/**
 * The LoRA branch of one {@link Linear}: {@code scale * B(A(dropout(x)))} with {@code lora_A} [r, in]
 * (peft's Kaiming-uniform, a = sqrt(5), which equals torch's Linear default) and {@code lora_B} [out, r]
 * (zeros, so a fresh adapter leaves the model unchanged). The branch always computes in FP32, even over
 * FP16 frozen base weights, and returns the input's dtype.
 *
 * <p>{@link #merge()} folds {@code scale * B A} into the host weight for inference; the branch then
 * contributes nothing until {@link #unmerge()}.
 */
public final class LoraLinear extends LinearDelta {

    private final Linear host;
    private final Linear loraA;
    private final Linear loraB;
    private final float scale;
    private final float dropout;
    private boolean merged;

    /**
     * Creates the branch for {@code host} and allocates its FP32 weights on the device of the host's
     * (already materialized) weight. It is not attached; {@link Lora#apply} does that.
     */
    LoraLinear(Linear host, int r, double scale, double dropout) {
        if (!host.weight().isInitialized()) {
            throw new IllegalStateException("materialize (and load) the base model before attaching LoRA");
        }
        this.host = host;
        this.loraA = register("lora_A", new Linear(host.inFeatures(), r, false));
        this.loraB = register("lora_B", new Linear(r, host.outFeatures(), false));
        this.scale = (float) scale;
        this.dropout = (float) dropout;
        NDManager manager = host.weight().getArray().getManager();
        materialize(manager, DataType.FLOAT32, true);
        // peft's default init: B = 0 so that the adapted model starts as the base model.
        loraB.weight().getArray().set(new float[host.outFeatures() * r]);
    }

    public Linear loraA() {
        return loraA;
    }

    public Linear loraB() {
        return loraB;
    }

    public float scale() {
        return scale;
    }

    public boolean isMerged() {
        return merged;
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        if (merged) {
            // Linear always adds its delta; a scalar zero broadcasts for free once B A is in the weight.
            return x.getManager().zeros(new Shape(), x.getDataType());
        }
        NDArray in = Casts.to(x, DataType.FLOAT32);
        in = Functional.dropout(in, dropout, training);
        NDArray y = loraB.forward(loraA.forward(in, training), training).mul(scale);
        return Casts.to(y, x.getDataType());
    }

    /** {@code W += scale * B A} (computed in FP32, added in the weight's dtype); idempotent. */
    public void merge() {
        if (!merged) {
            addToWeight(scale);
            merged = true;
        }
    }

    /** {@code W -= scale * B A}: restores the base weight (exactly in FP32, to rounding in FP16). */
    public void unmerge() {
        if (merged) {
            addToWeight(-scale);
            merged = false;
        }
    }

    private void addToWeight(float factor) {
        NDArray w = host.weight().getArray();
        NDArray b = loraB.weight().getArray();
        NDArray a = loraA.weight().getArray();
        // Intermediates land on the parameters' manager, so they are closed here explicitly.
        // Intermediates land on the parameters' manager, so they are closed here explicitly. Like peft, the
        // FP32 delta is cast to the weight's dtype before the in-place add.
        try (NDArray ba = b.matMul(a);
                NDArray scaled = ba.mul(factor)) {
            if (w.getDataType() == DataType.FLOAT32) {
                w.addi(scaled);
            } else {
                try (NDArray delta = scaled.toType(w.getDataType(), false)) {
                    w.addi(delta);
                }
            }
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(forward(inputs.singletonOrThrow(), training));
    }
}
