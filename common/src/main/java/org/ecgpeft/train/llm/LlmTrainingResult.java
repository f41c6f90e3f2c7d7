package org.ecgpeft.train.llm;

import java.nio.file.Path;
import java.util.List;
import org.ecgpeft.train.TrainingCurve;

/**
 * What an ECG-LLM training run produced.
 *
 * @param curves loss every {@code logEvery} steps and per epoch, plus validation rows when a validation set was given
 * @param optimizerSteps optimizer steps taken
 * @param finalTrainLoss mean training loss of the last epoch
 * @param seconds wall-clock training time
 * @param lastCheckpoint the last epoch's checkpoint folder, or null when none was written
 */
public record LlmTrainingResult(
        List<TrainingCurve> curves, long optimizerSteps, double finalTrainLoss, double seconds, Path lastCheckpoint) {

    public LlmTrainingResult {
        curves = List.copyOf(curves);
    }
}
