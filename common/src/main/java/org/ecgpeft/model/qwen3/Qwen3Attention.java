package org.ecgpeft.model.qwen3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ecgpeft.model.nn.Casts;
import org.ecgpeft.model.nn.Linear;
import org.ecgpeft.model.nn.Module;
import org.ecgpeft.model.nn.RmsNorm;

/**
 * HF {@code Qwen3Attention}: grouped-query attention with a per-head RMSNorm on queries and keys (applied
 * before RoPE), rotary positions, an additive causal/padding mask and an optional {@link KvCache}.
 */
public final class Qwen3Attention extends Module {

    private final int layerIndex;
    private final int numHeads;
    private final int numKvHeads;
    private final int headDim;
    private final float scaling;
    private final Linear qProj;
    private final Linear kProj;
    private final Linear vProj;
    private final Linear oProj;
    private final RmsNorm qNorm;
    private final RmsNorm kNorm;

    public Qwen3Attention(Qwen3Config config, int layerIndex) {
        this.layerIndex = layerIndex;
        this.numHeads = config.numAttentionHeads();
        this.numKvHeads = config.numKeyValueHeads();
        this.headDim = config.headDim();
        this.scaling = (float) (1.0 / Math.sqrt(headDim));
        int h = config.hiddenSize();
        boolean bias = config.attentionBias();
        float eps = (float) config.rmsNormEps();
        qProj = register("q_proj", new Linear(h, numHeads * headDim, bias));
        kProj = register("k_proj", new Linear(h, numKvHeads * headDim, bias));
        vProj = register("v_proj", new Linear(h, numKvHeads * headDim, bias));
        oProj = register("o_proj", new Linear(numHeads * headDim, h, bias));
        qNorm = register("q_norm", new RmsNorm(headDim, eps));
        kNorm = register("k_norm", new RmsNorm(headDim, eps));
    }

    /**
     * @param x      hidden states {@code [B, T, hidden]}
     * @param cos    rotary cosines {@code [B, 1, T, headDim]}
     * @param sin    rotary sines
     * @param mask   additive mask {@code [B|1, 1, T, past + T]} or null
     * @param cache  keys/values of earlier positions (appended to), or null
     */
    public NDArray forward(NDArray x, NDArray cos, NDArray sin, NDArray mask, KvCache cache, boolean training) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        NDArray q = qNorm.forward(qProj.forward(x, training).reshape(b, t, numHeads, headDim))
                .transpose(0, 2, 1, 3);
        NDArray k = kNorm.forward(kProj.forward(x, training).reshape(b, t, numKvHeads, headDim))
                .transpose(0, 2, 1, 3);
        NDArray v =
                vProj.forward(x, training).reshape(b, t, numKvHeads, headDim).transpose(0, 2, 1, 3);
        q = RotaryEmbedding.apply(q, cos, sin);
        k = RotaryEmbedding.apply(k, cos, sin);
        if (cache != null) {
            NDList kv = cache.append(layerIndex, k, v);
            k = kv.get(0);
            v = kv.get(1);
        }
        long tk = k.getShape().get(2);
        int group = numHeads / numKvHeads;
        // GQA without copying keys: query head h uses kv head h / group (HF repeat_kv), so view the queries as
        // [B, kvHeads, group, T, D] and let matmul broadcast the kv heads over the group axis.
        NDArray qg = q.reshape(b, numKvHeads, group, t, headDim);
        NDArray kt = k.reshape(b, numKvHeads, 1, tk, headDim).transpose(0, 1, 2, 4, 3);
        NDArray scores = qg.matMul(kt).mul(scaling);
        scores = Casts.to(scores, DataType.FLOAT32);
        if (mask != null) {
            scores = scores.add(mask.expandDims(2));
        }
        NDArray probs = Casts.to(scores.softmax(-1), v.getDataType());
        NDArray context = probs.matMul(v.reshape(b, numKvHeads, 1, tk, headDim))
                .reshape(b, numHeads, t, headDim)
                .transpose(0, 2, 1, 3)
                .reshape(b, t, (long) numHeads * headDim);
        return oProj.forward(context, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        // Inputs: x, cos, sin and optionally the additive mask; no cache through the generic block API.
        return new NDList(forward(
                inputs.get(0), inputs.get(1), inputs.get(2), inputs.size() > 3 ? inputs.get(3) : null, null, training));
    }
}
