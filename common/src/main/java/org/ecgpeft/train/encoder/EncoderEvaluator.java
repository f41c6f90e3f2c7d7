package org.ecgpeft.train.encoder;

import java.util.ArrayList;
import java.util.List;
import org.ecgpeft.eval.AggregationMode;
import org.ecgpeft.eval.BinaryMetrics;
import org.ecgpeft.eval.RecordAggregator;
import org.ecgpeft.eval.RecordPrediction;
import org.ecgpeft.eval.SegmentPrediction;
import org.ecgpeft.train.BatchPredictor;
import org.ecgpeft.train.InputPreparer;
import org.ecgpeft.train.TrainableModel;

/**
 * Segment- and record-level figures of a classifier over {@link EvaluationWindows}: each window's AF
 * probability, then per record the mean probability thresholded at 0.5 (one long AF episode should not be
 * outvoted by the few windows where it is hard to see, and the mean keeps a ranking score for AUROC).
 */
public final class EncoderEvaluator {

    private static final RecordAggregator AGGREGATOR = new RecordAggregator(AggregationMode.MEAN_PROBABILITY, 0.5);

    private final BatchPredictor predictor;

    public EncoderEvaluator(int batchSize) {
        this.predictor = new BatchPredictor(InputPreparer.identity(), batchSize);
    }

    public SplitEvaluation evaluate(TrainableModel model, EvaluationWindows windows) {
        BatchPredictor.Predictions p = predictor.predict(model, windows.data());
        int[] labels = windows.data().labels();
        List<SegmentPrediction> segments = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            segments.add(new SegmentPrediction(windows.recordIds()[i], labels[i], p.probabilities()[i]));
        }
        List<RecordPrediction> records = AGGREGATOR.aggregate(segments);
        return new SplitEvaluation(BinaryMetrics.compute(labels, p.labels(), p.probabilities()),
                BinaryMetrics.forRecords(records), labels.length, records.size());
    }
}
