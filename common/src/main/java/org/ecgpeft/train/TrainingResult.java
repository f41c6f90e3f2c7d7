package org.ecgpeft.train;

import java.util.List;
import java.util.Map;

/**
 * Outcome of {@link Trainer#fit}.
 *
 * @param curves every curve point of the run (including epochs before a resume)
 * @param bestEpoch 1-based epoch with the best validation F1
 * @param bestF1 that F1
 * @param bestMetrics every validation metric at the best epoch
 * @param epochsRun epochs completed in total
 * @param steps optimizer steps in total
 * @param stoppedEarly whether early stopping ended the run
 * @param trainSeconds wall time of this call
 */
public record TrainingResult(
        List<TrainingCurve> curves,
        int bestEpoch,
        double bestF1,
        Map<String, Double> bestMetrics,
        int epochsRun,
        long steps,
        boolean stoppedEarly,
        double trainSeconds) {

    public TrainingResult {
        curves = List.copyOf(curves);
        bestMetrics = Map.copyOf(bestMetrics);
    }
}
