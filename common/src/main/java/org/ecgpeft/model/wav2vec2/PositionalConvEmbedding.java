package org.ecgpeft.model.wav2vec2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ecgpeft.model.nn.Functional;
import org.ecgpeft.model.nn.Module;

/**
 * HF {@code pos_conv_embed}: a weight-normed grouped convolution over frames ({@code conv}), "same" padding
 * (an even kernel yields one frame too many, which is dropped), then the activation. Its output is added to the
 * frames as a relative positional embedding.
 */
final class PositionalConvEmbedding extends Module {

    private final WeightNormConv1d conv;
    private final boolean dropLastFrame;
    private final String activation;

    PositionalConvEmbedding(Wav2Vec2Config config) {
        int k = config.numConvPosEmbeddings();
        this.conv = register(
                "conv", new WeightNormConv1d(config.hiddenSize(), k, k / 2, config.numConvPosEmbeddingGroups()));
        this.dropLastFrame = k % 2 == 0;
        this.activation = config.featExtractActivation();
    }

    /** {@code [B, T, C] -> [B, T, C]}. */
    NDArray forward(NDArray frames) {
        NDArray h = conv.forward(frames.transpose(0, 2, 1));
        if (dropLastFrame) {
            h = h.get(new NDIndex(":, :, :-1"));
        }
        return Functional.activation(activation, h).transpose(0, 2, 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(forward(inputs.singletonOrThrow()));
    }
}
