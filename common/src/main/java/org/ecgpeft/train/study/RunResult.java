package org.ecgpeft.train.study;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ecgpeft.train.TrainingCurve;

/**
 * One trained run of a study, as recorded in {@code ecg_models} and {@code ecg_training_curves}.
 *
 * @param runId deterministic id (family, method, hyper-parameters, trainer settings, base and data)
 * @param family model family
 * @param peft PEFT method
 * @param hyperParamsJson the run's hyper-parameters as a JSON object
 * @param trainableParams parameters that received gradients (PEFT + head)
 * @param totalParams every parameter of the model
 * @param checkpointDir the artifact folder ({@link SegmentClassifiers#load} reads it)
 * @param trainSeconds wall time of training, validation included
 * @param stepTimeMs {@code trainSeconds} per optimizer step (validation time included)
 * @param peakMemoryBytes see {@link PeakMemory}
 * @param dataVersion the data the run trained on
 * @param normMode the segments' normalisation
 * @param curves loss and validation metrics per epoch
 * @param bestEpoch epoch with the best validation F1 (whose weights were kept)
 * @param bestMetrics validation metrics at that epoch
 */
public record RunResult(
        String runId,
        Family family,
        PeftMethod peft,
        String hyperParamsJson,
        long trainableParams,
        long totalParams,
        Path checkpointDir,
        double trainSeconds,
        double stepTimeMs,
        long peakMemoryBytes,
        String dataVersion,
        String normMode,
        List<TrainingCurve> curves,
        int bestEpoch,
        Map<String, Double> bestMetrics) {

    public RunResult {
        curves = List.copyOf(curves);
        bestMetrics = Map.copyOf(bestMetrics);
    }

    /** Validation F1 at the best epoch. */
    public double bestF1() {
        return bestMetrics.getOrDefault("f1", Double.NaN);
    }
}
