package org.ecgpeft.jobs.llm;

import org.ecgpeft.eval.LlmAnswerReport;
import org.ecgpeft.eval.MetricReport;
import org.ecgpeft.train.llm.LlmTrainingResult;

/**
 * What the train-llm job produced.
 *
 * @param runId       the ECG-LLM run id in {@code ecg_models}
 * @param encoderRun  the MS-CNN run whose features were used
 * @param dataVersion the features' data version
 * @param checkpoint  location of the last epoch's checkpoint (LoRA + projector)
 * @param training    the trainer's result
 * @param llm         the LLM's parsed test answers
 * @param encoder     the encoder alone on the same test windows
 */
public record TrainLlmResult(
        String runId,
        String encoderRun,
        String dataVersion,
        String checkpoint,
        LlmTrainingResult training,
        LlmAnswerReport llm,
        MetricReport encoder) {}
