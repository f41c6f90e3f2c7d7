package org.ecgpeft.model.wav2vec2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import org.ecgpeft.model.nn.Linear;

/**
 * HF {@code Wav2Vec2ForSequenceClassification} / {@code HubertForSequenceClassification}:
 * <pre>
 * hidden = last hidden state (or softmax(layer_weights)-weighted sum of all hidden states)
 * logits = classifier(mean over real frames of projector(hidden))
 * </pre>
 */
public final class Wav2Vec2ForSequenceClassification extends Wav2Vec2Classifier {

    private final Parameter layerWeights;
    private final Linear projector;
    private final Linear classifier;

    public Wav2Vec2ForSequenceClassification(Wav2Vec2Config config) {
        super(config);
        int states = config.numHiddenLayers() + 1;
        this.layerWeights = config.useWeightedLayerSum()
                ? parameter("layer_weights", new Shape(states), new ConstantInitializer(1f / states))
                : null;
        this.projector = register("projector", new Linear(config.hiddenSize(), config.classifierProjSize(), true));
        this.classifier = register("classifier", new Linear(config.classifierProjSize(), config.numLabels(), true));
    }

    @Override
    public ClassifierOutput classify(NDArray inputValues, NDArray attentionMask, boolean training) {
        Wav2Vec2Output out = base().forward(inputValues, attentionMask, training);
        NDArray hidden = out.lastHiddenState();
        if (layerWeights != null) {
            NDArray stacked = NDArrays.stack(new NDList(out.hiddenStates()), 1);
            NDArray w = value(layerWeights).softmax(0);
            w.attach(stacked.getManager()); // not the weights' manager, which would keep it for the model's life
            hidden = stacked.mul(w.toType(stacked.getDataType(), false).reshape(1, -1, 1, 1))
                    .sum(new int[] {1});
        }
        NDArray pooled = meanOverFrames(projector.forward(hidden, training), out.frameMask());
        return new ClassifierOutput(classifier.forward(pooled, training), out);
    }
}
