package org.ecgpeft.model.wav2vec2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ecgpeft.model.nn.Conv1d;
import org.ecgpeft.model.nn.Functional;
import org.ecgpeft.model.nn.GroupNorm;
import org.ecgpeft.model.nn.LayerNorm;
import org.ecgpeft.model.nn.Module;

/**
 * One layer of the convolutional feature encoder (HF {@code Wav2Vec2{No,Layer,Group}NormConvLayer}):
 * {@code conv}, then optionally {@code layer_norm} (a LayerNorm over channels, or a GroupNorm with one group
 * per channel), then the activation.
 */
final class FeatureExtractorLayer extends Module {

    /** Which normalisation follows the convolution. */
    enum Norm {
        NONE,
        LAYER,
        GROUP
    }

    private final Conv1d conv;
    private final LayerNorm layerNorm;
    private final GroupNorm groupNorm;
    private final String activation;

    FeatureExtractorLayer(
            int inChannels, int outChannels, int kernel, int stride, boolean bias, Norm norm, String activation) {
        this.conv = register("conv", new Conv1d(inChannels, outChannels, kernel, stride, bias));
        // HF and fairseq use torch's default eps (1e-5) here, not config.layer_norm_eps.
        this.layerNorm = norm == Norm.LAYER ? register("layer_norm", new LayerNorm(outChannels, 1e-5f)) : null;
        this.groupNorm =
                norm == Norm.GROUP ? register("layer_norm", new GroupNorm(outChannels, outChannels, 1e-5f)) : null;
        this.activation = activation;
    }

    NDArray weight() {
        return conv.weight().getArray();
    }

    /** {@code [B, C_in, T] -> [B, C_out, T']}. */
    NDArray forward(NDArray x) {
        NDArray h = conv.forward(x);
        if (layerNorm != null) {
            h = layerNorm.forward(h.transpose(0, 2, 1)).transpose(0, 2, 1);
        } else if (groupNorm != null) {
            h = groupNorm.forward(h);
        }
        return Functional.activation(activation, h);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(forward(inputs.singletonOrThrow()));
    }
}
