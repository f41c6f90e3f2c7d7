package org.ecgpeft.model.wav2vec2;

import ai.djl.ndarray.NDArray;
import org.ecgpeft.model.nn.Functional;
import org.ecgpeft.model.nn.Linear;

/**
 * The ECG-FM fine-tuning head (as fairseq-signals' ECG transformer classifier): the final hidden state averaged
 * over real frames, dropout ({@code final_dropout}), then one {@code classifier} Linear(hidden -> num_labels).
 */
public final class EcgFmForSequenceClassification extends Wav2Vec2Classifier {

    private final Linear classifier;
    private final float finalDropout;

    public EcgFmForSequenceClassification(Wav2Vec2Config config) {
        super(config);
        this.classifier = register("classifier", new Linear(config.hiddenSize(), config.numLabels(), true));
        this.finalDropout = config.dropouts().finalDropout();
    }

    @Override
    public ClassifierOutput classify(NDArray inputValues, NDArray attentionMask, boolean training) {
        Wav2Vec2Output out = base().forward(inputValues, attentionMask, training);
        NDArray pooled = meanOverFrames(out.lastHiddenState(), out.frameMask());
        return new ClassifierOutput(
                classifier.forward(Functional.dropout(pooled, finalDropout, training), training), out);
    }
}
