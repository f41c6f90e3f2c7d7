package org.ecgpeft.model.wav2vec2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ecgpeft.model.nn.Functional;
import org.ecgpeft.model.nn.LayerNorm;
import org.ecgpeft.model.nn.Linear;
import org.ecgpeft.model.nn.Module;

/** HF {@code feature_projection}: {@code layer_norm} (optional), {@code projection} to the model width, dropout. */
final class FeatureProjection extends Module {

    private final LayerNorm layerNorm;
    private final Linear projection;
    private final float dropout;

    FeatureProjection(Wav2Vec2Config config) {
        this.layerNorm = config.featProjLayerNorm()
                ? register("layer_norm", new LayerNorm(config.extractedDim(), config.layerNormEps()))
                : null;
        this.projection = register("projection", new Linear(config.extractedDim(), config.hiddenSize(), true));
        this.dropout = config.dropouts().featProj();
    }

    /** {@code [B, T, conv_dim[-1]] -> [B, T, hidden]}. */
    NDArray forward(NDArray features, boolean training) {
        NDArray h = layerNorm == null ? features : layerNorm.forward(features);
        return Functional.dropout(projection.forward(h, training), dropout, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(forward(inputs.singletonOrThrow(), training));
    }
}
