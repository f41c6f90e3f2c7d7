package org.ecgpeft.jobs.mscnn;

import java.util.Map;
import org.ecgpeft.train.TrainingResult;
import org.ecgpeft.train.mscnn.SplitEvaluation;

/**
 * What the train-mscnn job produced.
 *
 * @param runId       the run id in {@code ecg_models}
 * @param dataVersion the segments trained on
 * @param checkpoint  the checkpoint location (best epoch)
 * @param training    the trainer's result (curves, best epoch)
 * @param evaluations figures of the best model on the validation and test windows, by split name
 */
public record TrainMsCnnResult(
        String runId,
        String dataVersion,
        String checkpoint,
        TrainingResult training,
        Map<String, SplitEvaluation> evaluations) {
    /** Copies the evaluations. */
    public TrainMsCnnResult {
        evaluations = Map.copyOf(evaluations);
    }
}
