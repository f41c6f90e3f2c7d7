package org.ecgpeft.ecgllm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ecgpeft.model.nn.Functional;
import org.ecgpeft.model.nn.LayerNorm;
import org.ecgpeft.model.nn.Linear;
import org.ecgpeft.model.nn.Module;

/**
 * Maps the frozen ECG encoder's feature into the language model's embedding space:
 * {@code Linear(F->H) -> LayerNorm -> GELU -> Dropout -> Linear(H->H)}, named as the
 * {@code nn.Sequential} of the reference implementation ({@code projector.0 ... projector.4}).
 */
public final class EcgProjector extends Module {

    private final Linear in;
    private final LayerNorm norm;
    private final Linear out;
    private final float dropout;

    public EcgProjector(int featureDim, int hiddenSize, float dropout) {
        if (dropout < 0f || dropout >= 1f) {
            throw new IllegalArgumentException("projector dropout must be in [0,1), got " + dropout);
        }
        this.in = register("0", new Linear(featureDim, hiddenSize, true));
        this.norm = register("1", new LayerNorm(hiddenSize, 1e-5f));
        this.out = register("4", new Linear(hiddenSize, hiddenSize, true));
        this.dropout = dropout;
    }

    /** {@code [B, F]} features to {@code [B, H]} embeddings. */
    public NDArray forward(NDArray features, boolean training) {
        NDArray h = Functional.gelu(norm.forward(in.forward(features, training)));
        return out.forward(Functional.dropout(h, dropout, training), training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(forward(inputs.singletonOrThrow(), training));
    }
}
