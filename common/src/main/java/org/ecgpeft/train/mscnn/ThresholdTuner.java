package org.ecgpeft.train.mscnn;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.ecgpeft.eval.BinaryMetrics;
import org.ecgpeft.eval.RecordPrediction;

/**
 * Picks the decision threshold that maximises record-level AF F1 on the validation split, to apply unchanged
 * to the test split. Worth doing because oversampling (or class weights) trains the network for balanced
 * classes, so 0.5 sits too low for a set with ~13% AF and costs precision.
 */
public final class ThresholdTuner {

    private ThresholdTuner() {}

    /**
     * The threshold among the records' scores with the highest F1 (score {@code >= t} predicts AF); ties go to
     * the one nearest 0.5.
     */
    public static double maxF1Threshold(List<RecordPrediction> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no validation records to tune the threshold on");
        }
        int[] labels = records.stream().mapToInt(RecordPrediction::label).toArray();
        double[] scores = records.stream().mapToDouble(RecordPrediction::score).toArray();
        double best = 0.5;
        double bestF1 = -1;
        for (double t : new TreeSet<>(Arrays.stream(scores).boxed().toList())) {
            int[] predictions = new int[scores.length];
            for (int i = 0; i < scores.length; i++) {
                predictions[i] = scores[i] >= t ? 1 : 0;
            }
            double f1 = BinaryMetrics.fromPredictions(labels, predictions).f1();
            if (f1 > bestF1 || f1 == bestF1 && Math.abs(t - 0.5) < Math.abs(best - 0.5)) {
                best = t;
                bestF1 = f1;
            }
        }
        return best;
    }
}
