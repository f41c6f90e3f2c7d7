package org.ecgpeft.model.wav2vec2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ecgpeft.model.nn.Module;

/**
 * A wav2vec2-family encoder with a sequence classification head on top. The encoder is registered under its
 * model type ({@code wav2vec2.}, {@code hubert.}, {@code ecg_fm.}), as HF names it in a classifier checkpoint.
 */
public abstract class Wav2Vec2Classifier extends Module {

    private final Wav2Vec2Model base;

    /** Registers the encoder of {@code config} under its model type, before the head registers its own parameters. */
    protected Wav2Vec2Classifier(Wav2Vec2Config config) {
        this.base = register(config.modelType(), new Wav2Vec2Model(config));
    }

    /** The encoder this head pools. */
    public final Wav2Vec2Model base() {
        return base;
    }

    /** The encoder's name prefix in this module's parameter names, e.g. {@code "wav2vec2."}. */
    public final String basePrefix() {
        return base().config().modelType() + ".";
    }

    /**
     * Classifies a batch.
     *
     * @param inputValues {@code [B, L]} or {@code [B, in_channels, L]}
     * @param attentionMask {@code [B, L]} (1 = real sample) or null
     */
    public abstract ClassifierOutput classify(NDArray inputValues, NDArray attentionMask, boolean training);

    /** Mean over real frames {@code [B, T, C] -> [B, C]}; every frame when the mask is null. */
    protected static NDArray meanOverFrames(NDArray h, NDArray frameMask) {
        if (frameMask == null) {
            return h.mean(new int[] {1});
        }
        NDArray m = frameMask.toType(h.getDataType(), false).expandDims(-1);
        return h.mul(m).sum(new int[] {1}).div(m.sum(new int[] {1}));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(classify(inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, training)
                .logits());
    }
}
