package org.ecgpeft.model.wav2vec2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ecgpeft.model.nn.Functional;
import org.ecgpeft.model.nn.Linear;
import org.ecgpeft.model.nn.Module;

/** HF {@code Wav2Vec2FeedForward}: {@code intermediate_dense}, activation, dropout, {@code output_dense}, dropout. */
final class FeedForward extends Module {

    private final Linear intermediateDense;
    private final Linear outputDense;
    private final String activation;
    private final float activationDropout;
    private final float hiddenDropout;

    FeedForward(Wav2Vec2Config config) {
        this.intermediateDense =
                register("intermediate_dense", new Linear(config.hiddenSize(), config.intermediateSize(), true));
        this.outputDense = register("output_dense", new Linear(config.intermediateSize(), config.hiddenSize(), true));
        this.activation = config.hiddenAct();
        this.activationDropout = config.dropouts().activation();
        this.hiddenDropout = config.dropouts().hidden();
    }

    NDArray forward(NDArray h, boolean training) {
        NDArray inner = Functional.activation(activation, intermediateDense.forward(h, training));
        inner = Functional.dropout(inner, activationDropout, training);
        return Functional.dropout(outputDense.forward(inner, training), hiddenDropout, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(forward(inputs.singletonOrThrow(), training));
    }
}
