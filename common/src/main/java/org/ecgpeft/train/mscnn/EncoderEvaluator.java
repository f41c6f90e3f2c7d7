package org.ecgpeft.train.mscnn;

import org.ecgpeft.train.BatchPredictor;
import org.ecgpeft.train.InputPreparer;
import org.ecgpeft.train.TrainableModel;

/** Runs a classifier over {@link EvaluationWindows} in evaluation mode, in batches. */
public final class EncoderEvaluator {

    private final BatchPredictor predictor;

    public EncoderEvaluator(int batchSize) {
        this.predictor = new BatchPredictor(InputPreparer.identity(), batchSize);
    }

    /** Every window's AF probability. */
    public WindowScores score(TrainableModel model, EvaluationWindows windows) {
        return new WindowScores(
                windows, predictor.predict(model, windows.data()).probabilities());
    }

    /** Segment- and record-level figures at the default threshold 0.5. */
    public SplitEvaluation evaluate(TrainableModel model, EvaluationWindows windows) {
        return score(model, windows).evaluate(0.5);
    }
}
