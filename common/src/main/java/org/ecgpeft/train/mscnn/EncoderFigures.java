package org.ecgpeft.train.mscnn;

import java.util.EnumMap;
import java.util.Map;
import org.ecgpeft.signal.RecordSplitter.Split;
import org.ecgpeft.train.TrainableModel;

/**
 * Figures of a trained encoder on the evaluated splits, at the default threshold 0.5 and at the threshold
 * that maximises the validation split's record-level F1 ({@link ThresholdTuner}).
 *
 * @param atHalf figures per split at 0.5
 * @param tunedThreshold the validation-tuned threshold
 * @param tuned figures per split at the tuned threshold
 */
public record EncoderFigures(
        Map<Split, SplitEvaluation> atHalf, double tunedThreshold, Map<Split, SplitEvaluation> tuned) {

    public EncoderFigures {
        atHalf = Map.copyOf(atHalf);
        tuned = Map.copyOf(tuned);
    }

    /** Scores every split of {@code windows} (which must include the validation split) once and evaluates both ways. */
    public static EncoderFigures of(
            TrainableModel model, Map<Split, EvaluationWindows> windows, EncoderEvaluator evaluator) {
        if (!windows.containsKey(Split.VAL)) {
            throw new IllegalArgumentException("the validation split is needed to tune the threshold");
        }
        Map<Split, WindowScores> scores = new EnumMap<>(Split.class);
        windows.forEach((s, w) -> scores.put(s, evaluator.score(model, w)));
        double threshold = ThresholdTuner.maxF1Threshold(scores.get(Split.VAL).records(0.5));
        Map<Split, SplitEvaluation> atHalf = new EnumMap<>(Split.class);
        Map<Split, SplitEvaluation> tuned = new EnumMap<>(Split.class);
        scores.forEach((s, sc) -> {
            atHalf.put(s, sc.evaluate(0.5));
            tuned.put(s, sc.evaluate(threshold));
        });
        return new EncoderFigures(atHalf, threshold, tuned);
    }
}
