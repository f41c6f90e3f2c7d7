package org.ecgpeft.train;

import java.util.List;
import java.util.Map;

/**
 * Loop state saved with a checkpoint, enough to resume exactly: the data order and dropout are re-derived
 * from {@code seed} and the epoch, the optimizer moments are saved beside it.
 *
 * @param epochsDone completed epochs
 * @param steps optimizer steps taken
 * @param seed the run's seed
 * @param bestF1 best validation F1 so far
 * @param bestEpoch its 1-based epoch (0 when none)
 * @param badEpochs epochs since the best
 * @param bestMetrics validation metrics at the best epoch
 * @param curves curve points so far
 */
public record TrainingState(
        int epochsDone,
        long steps,
        long seed,
        double bestF1,
        int bestEpoch,
        int badEpochs,
        Map<String, Double> bestMetrics,
        List<TrainingCurve> curves) {

    public TrainingState {
        bestMetrics = Map.copyOf(bestMetrics);
        curves = List.copyOf(curves);
    }
}
