package org.ecgpeft.train.mscnn;

import java.util.ArrayList;
import java.util.List;
import org.ecgpeft.eval.AggregationMode;
import org.ecgpeft.eval.BinaryMetrics;
import org.ecgpeft.eval.RecordAggregator;
import org.ecgpeft.eval.RecordPrediction;
import org.ecgpeft.eval.SegmentPrediction;

/**
 * A model's AF probability for every evaluation window of one split, evaluated at any decision threshold:
 * per window, and per record from its windows' mean probability (one long AF episode should not be outvoted
 * by the few windows where it is hard to see, and the mean keeps a ranking score for the AUROC).
 *
 * @param windows the windows scored
 * @param probabilities AF probability per window
 */
public record WindowScores(EvaluationWindows windows, double[] probabilities) {

    public WindowScores {
        if (probabilities.length != windows.size()) {
            throw new IllegalArgumentException(
                    probabilities.length + " probabilities for " + windows.size() + " windows");
        }
    }

    /** One prediction per record (sorted by id): mean window probability, AF when {@code >= threshold}. */
    public List<RecordPrediction> records(double threshold) {
        int[] labels = windows.data().labels();
        List<SegmentPrediction> segments = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            segments.add(new SegmentPrediction(windows.recordIds()[i], labels[i], probabilities[i]));
        }
        return new RecordAggregator(AggregationMode.MEAN_PROBABILITY, threshold).aggregate(segments);
    }

    /** Segment- and record-level figures with AF predicted at probability {@code >= threshold}. */
    public SplitEvaluation evaluate(double threshold) {
        List<RecordPrediction> records = records(threshold);
        return new SplitEvaluation(
                BinaryMetrics.atThreshold(windows.data().labels(), probabilities, threshold),
                BinaryMetrics.forRecords(records),
                windows.size(),
                records.size());
    }
}
