package org.ecgpeft.model.wav2vec2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.ecgpeft.model.nn.Module;

/**
 * The convolutional feature encoder (HF {@code feature_extractor}): {@code conv_layers.i} turning
 * {@code [B, in_channels, L]} samples into {@code [B, conv_dim[-1], T]} frames.
 */
final class FeatureEncoder extends Module {

    private final List<FeatureExtractorLayer> convLayers = new ArrayList<>();

    FeatureEncoder(Wav2Vec2Config config) {
        int in = config.inChannels();
        for (int i = 0; i < config.convDim().size(); i++) {
            FeatureExtractorLayer.Norm norm;
            if ("layer".equals(config.featExtractNorm())) {
                norm = FeatureExtractorLayer.Norm.LAYER;
            } else {
                norm = i == 0 ? FeatureExtractorLayer.Norm.GROUP : FeatureExtractorLayer.Norm.NONE;
            }
            int out = config.convDim().get(i);
            convLayers.add(register(
                    "conv_layers." + i,
                    new FeatureExtractorLayer(
                            in,
                            out,
                            config.convKernel().get(i),
                            config.convStride().get(i),
                            config.convBias(),
                            norm,
                            config.featExtractActivation())));
            in = out;
        }
    }

    /** The first convolution's weight: its device is the one the whole encoder computes on. */
    NDArray firstWeight() {
        return convLayers.get(0).weight();
    }

    NDArray forward(NDArray samples) {
        NDArray h = samples;
        for (FeatureExtractorLayer layer : convLayers) {
            h = layer.forward(h);
        }
        return h;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(forward(inputs.singletonOrThrow()));
    }
}
