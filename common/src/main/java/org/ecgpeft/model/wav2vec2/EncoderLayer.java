package org.ecgpeft.model.wav2vec2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Set;
import org.ecgpeft.model.nn.Functional;
import org.ecgpeft.model.nn.LayerNorm;
import org.ecgpeft.model.nn.Module;

/**
 * One transformer layer (HF {@code Wav2Vec2EncoderLayer} / {@code ...StableLayerNorm}): {@code attention},
 * {@code layer_norm}, {@code feed_forward}, {@code final_layer_norm}.
 * <pre>
 * post-LN: h = layer_norm(h + attn(h));          h = final_layer_norm(h + ffn(h))
 * pre-LN:  h = h + attn(layer_norm(h));          h = h + ffn(final_layer_norm(h))
 * </pre>
 * Bottleneck adapters plug in at the sites {@code attention} and {@code feed_forward}: on the sub-layer's output,
 * before the residual sum (Houlsby / Pfeiffer placement).
 */
public final class EncoderLayer extends Module {

    /** Adapter site on the attention output. */
    public static final String ATTENTION = "attention";
    /** Adapter site on the feed-forward output. */
    public static final String FEED_FORWARD = "feed_forward";

    private final boolean preLayerNorm;
    private final float hiddenDropout;
    private final Attention attention;
    private final LayerNorm layerNorm;
    private final FeedForward feedForward;
    private final LayerNorm finalLayerNorm;

    EncoderLayer(Wav2Vec2Config config) {
        this.preLayerNorm = config.doStableLayerNorm();
        this.hiddenDropout = config.dropouts().hidden();
        this.attention = register(
                "attention",
                new Attention(
                        config.hiddenSize(),
                        config.numAttentionHeads(),
                        config.dropouts().attention()));
        this.layerNorm = register("layer_norm", new LayerNorm(config.hiddenSize(), config.layerNormEps()));
        this.feedForward = register("feed_forward", new FeedForward(config));
        this.finalLayerNorm = register("final_layer_norm", new LayerNorm(config.hiddenSize(), config.layerNormEps()));
    }

    @Override
    public Set<String> adapterSites() {
        return Set.of(ATTENTION, FEED_FORWARD);
    }

    /** {@code [B, T, C] -> [B, T, C]}; {@code keyMask} as in {@link Attention#forward}. */
    NDArray forward(NDArray h, NDArray keyMask, boolean training) {
        if (preLayerNorm) {
            NDArray attn = attention.forward(layerNorm.forward(h), keyMask, training);
            h = h.add(adapt(ATTENTION, Functional.dropout(attn, hiddenDropout, training), training));
            return h.add(adapt(FEED_FORWARD, feedForward.forward(finalLayerNorm.forward(h), training), training));
        }
        NDArray attn = attention.forward(h, keyMask, training);
        h = layerNorm.forward(h.add(adapt(ATTENTION, Functional.dropout(attn, hiddenDropout, training), training)));
        return finalLayerNorm.forward(h.add(adapt(FEED_FORWARD, feedForward.forward(h, training), training)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(forward(inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, training));
    }
}
