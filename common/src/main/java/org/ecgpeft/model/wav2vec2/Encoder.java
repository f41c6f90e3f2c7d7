package org.ecgpeft.model.wav2vec2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ecgpeft.model.nn.Functional;
import org.ecgpeft.model.nn.LayerNorm;
import org.ecgpeft.model.nn.Module;

/**
 * The transformer encoder (HF {@code Wav2Vec2Encoder} / {@code Wav2Vec2EncoderStableLayerNorm}):
 * {@code pos_conv_embed}, {@code layer_norm} (before the layers when post-LN, after them when pre-LN),
 * {@code layers.i}. Padded frames are zeroed before the positional convolution and masked out as attention keys.
 */
final class Encoder extends Module {

    private final boolean preLayerNorm;
    private final float hiddenDropout;
    private final float layerdrop;
    private final PositionalConvEmbedding posConvEmbed;
    private final LayerNorm layerNorm;
    private final List<EncoderLayer> layers = new ArrayList<>();
    /** Draws layer-drop decisions on the host, so training never waits on the device for them. */
    private Random layerDropRandom = new Random(0);

    Encoder(Wav2Vec2Config config) {
        this.preLayerNorm = config.doStableLayerNorm();
        this.hiddenDropout = config.dropouts().hidden();
        this.layerdrop = config.dropouts().layerdrop();
        this.posConvEmbed = register("pos_conv_embed", new PositionalConvEmbedding(config));
        this.layerNorm = register("layer_norm", new LayerNorm(config.hiddenSize(), config.layerNormEps()));
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            layers.add(register("layers." + i, new EncoderLayer(config)));
        }
    }

    List<EncoderLayer> layers() {
        return Collections.unmodifiableList(layers);
    }

    void seedLayerDrop(long seed) {
        layerDropRandom = new Random(seed);
    }

    /**
     * Runs the encoder over projected frames {@code [B, T, C]}; {@code frameMask} {@code [B, T]} (true = real
     * frame) or null. The hidden states are HF's {@code hidden_states}: the input of every layer, then the last
     * layer's output; pre-LN models apply the final layer norm to the last hidden state only, as HF does.
     */
    Wav2Vec2Output forward(NDArray frames, NDArray frameMask, boolean training) {
        NDArray h = frames;
        NDArray keyMask = null;
        if (frameMask != null) {
            DataType type = h.getDataType();
            h = h.mul(frameMask.expandDims(-1).toType(type, false));
            float blocked = type == DataType.FLOAT16 ? -65504f : -Float.MAX_VALUE;
            long[] s = frameMask.getShape().getShape();
            keyMask = frameMask.logicalNot().toType(type, false).mul(blocked).reshape(s[0], 1, 1, s[1]);
        }
        h = h.add(posConvEmbed.forward(h));
        if (!preLayerNorm) {
            h = layerNorm.forward(h);
        }
        h = Functional.dropout(h, hiddenDropout, training);
        List<NDArray> hidden = new ArrayList<>(layers.size() + 1);
        for (EncoderLayer layer : layers) {
            hidden.add(h);
            boolean skip = training && layerdrop > 0f && layerDropRandom.nextFloat() < layerdrop;
            if (!skip) {
                h = layer.forward(h, keyMask, training);
            }
        }
        hidden.add(h);
        return new Wav2Vec2Output(hidden, preLayerNorm ? layerNorm.forward(h) : h, frameMask);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(forward(inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, training)
                .hiddenStates());
    }
}
