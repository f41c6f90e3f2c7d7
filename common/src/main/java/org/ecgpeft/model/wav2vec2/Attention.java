package org.ecgpeft.model.wav2vec2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ecgpeft.model.nn.Functional;
import org.ecgpeft.model.nn.Linear;
import org.ecgpeft.model.nn.Module;

/**
 * Multi-head self-attention as HF {@code Wav2Vec2Attention}: {@code q_proj}, {@code k_proj}, {@code v_proj},
 * scaled dot products with an additive key mask, dropout on the probabilities, {@code out_proj}.
 */
final class Attention extends Module {

    private final int heads;
    private final int headDim;
    private final float scale;
    private final float dropout;
    private final Linear qProj;
    private final Linear kProj;
    private final Linear vProj;
    private final Linear outProj;

    Attention(int hidden, int heads, float dropout) {
        this.heads = heads;
        this.headDim = hidden / heads;
        this.scale = (float) (1.0 / Math.sqrt(headDim));
        this.dropout = dropout;
        this.qProj = register("q_proj", new Linear(hidden, hidden, true));
        this.kProj = register("k_proj", new Linear(hidden, hidden, true));
        this.vProj = register("v_proj", new Linear(hidden, hidden, true));
        this.outProj = register("out_proj", new Linear(hidden, hidden, true));
    }

    /**
     * @param h {@code [B, T, C]}
     * @param keyMask additive {@code [B, 1, 1, T]} (0 for frames to attend, a large negative for padding), or null
     */
    NDArray forward(NDArray h, NDArray keyMask, boolean training) {
        Shape s = h.getShape();
        long b = s.get(0);
        long t = s.get(1);
        NDArray q = split(qProj.forward(h, training).mul(scale), b, t);
        NDArray k = split(kProj.forward(h, training), b, t);
        NDArray v = split(vProj.forward(h, training), b, t);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));
        if (keyMask != null) {
            scores = scores.add(keyMask);
        }
        NDArray probs = Functional.dropout(scores.softmax(-1), dropout, training);
        NDArray context = probs.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, (long) heads * headDim);
        return outProj.forward(context, training);
    }

    /** {@code [B, T, C] -> [B, heads, T, headDim]}. */
    private NDArray split(NDArray x, long b, long t) {
        return x.reshape(b, t, heads, headDim).transpose(0, 2, 1, 3);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(forward(inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, training));
    }
}
