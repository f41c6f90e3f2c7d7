package org.ecgpeft.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordAggregatorTest {

    private static final double EPS = 1e-12;

    // Probabilities are dyadic fractions so the means are exact.
    // A (AF):     0.25, 0.25, 1.0  -> mean 0.5,    votes 1/3
    // B (normal): 0.625, 0.125     -> mean 0.375,  votes 1/2 (tie, mean < 0.5 -> 0)
    // C (AF):     0.75, 0.375      -> mean 0.5625, votes 1/2 (tie, mean >= 0.5 -> 1)
    // D (normal): 0.125            -> mean 0.125,  votes 0
    // Input is interleaved and out of order on purpose.
    private static final List<SegmentPrediction> SEGMENTS = List.of(
            new SegmentPrediction("C", 1, 0.75),
            new SegmentPrediction("A", 1, 0.25),
            new SegmentPrediction("D", 0, 0.125),
            new SegmentPrediction("B", 0, 0.625),
            new SegmentPrediction("A", 1, 0.25),
            new SegmentPrediction("C", 1, 0.375),
            new SegmentPrediction("B", 0, 0.125),
            new SegmentPrediction("A", 1, 1.0));

    @Test
    void meanProbability() {
        List<RecordPrediction> records =
                new RecordAggregator(AggregationMode.MEAN_PROBABILITY, 0.5).aggregate(SEGMENTS);
        assertEquals(
                List.of(
                        new RecordPrediction("A", 1, 0.5, 1, 3),
                        new RecordPrediction("B", 0, 0.375, 0, 2),
                        new RecordPrediction("C", 1, 0.5625, 1, 2),
                        new RecordPrediction("D", 0, 0.125, 0, 1)),
                records);
        MetricReport report = BinaryMetrics.forRecords(records);
        assertEquals(new MetricReport(2, 0, 2, 0, 1.0, 1.0), report);
    }

    @Test
    void majorityVoteWithTieBreakByMean() {
        List<RecordPrediction> records = new RecordAggregator(AggregationMode.MAJORITY_VOTE, 0.5).aggregate(SEGMENTS);
        assertEquals(
                List.of(
                        new RecordPrediction("A", 1, 1.0 / 3.0, 0, 3),
                        new RecordPrediction("B", 0, 0.5, 0, 2),
                        new RecordPrediction("C", 1, 0.5, 1, 2),
                        new RecordPrediction("D", 0, 0.0, 0, 1)),
                records);
        // labels [1,0,1,0], preds [0,0,1,0] -> tp 1, fn 1, tn 2, fp 0.
        // AUROC of vote shares: pos {1/3, 1/2} vs neg {1/2, 0}: 1/3>0, 1/2=1/2 (half), 1/2>0 -> 2.5/4.
        MetricReport report = BinaryMetrics.forRecords(records);
        assertEquals(1, report.tp());
        assertEquals(1, report.fn());
        assertEquals(2, report.tn());
        assertEquals(0, report.fp());
        assertEquals(0.625, report.auroc(), EPS);
    }

    @Test
    void thresholdAppliesToVotesAndMeans() {
        // At 0.2 every segment of A votes 1; B's 0.125 votes 0 and 0.625 votes 1 (tie, mean 0.375 >= 0.2 -> 1).
        List<RecordPrediction> votes = new RecordAggregator(AggregationMode.MAJORITY_VOTE, 0.2).aggregate(SEGMENTS);
        assertEquals(new RecordPrediction("A", 1, 1.0, 1, 3), votes.get(0));
        assertEquals(new RecordPrediction("B", 0, 0.5, 1, 2), votes.get(1));
        List<RecordPrediction> means = new RecordAggregator(AggregationMode.MEAN_PROBABILITY, 0.6).aggregate(SEGMENTS);
        assertEquals(0, means.get(2).prediction(), "C's mean 0.5625 is below 0.6");
    }

    @Test
    void emptyInputGivesNoRecords() {
        assertEquals(List.of(), new RecordAggregator(AggregationMode.MEAN_PROBABILITY, 0.5).aggregate(List.of()));
    }

    @Test
    void conflictingLabelsAndBadConfigAreRejected() {
        RecordAggregator aggregator = new RecordAggregator(AggregationMode.MEAN_PROBABILITY, 0.5);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> aggregator.aggregate(
                        List.of(new SegmentPrediction("r7", 0, 0.1), new SegmentPrediction("r7", 1, 0.9))));
        assertTrue(e.getMessage().contains("record r7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RecordAggregator(null, 0.5));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RecordAggregator(AggregationMode.MAJORITY_VOTE, Double.POSITIVE_INFINITY));
        e = assertThrows(IllegalArgumentException.class, () -> new SegmentPrediction("r8", 1, Double.NaN));
        assertTrue(e.getMessage().contains("r8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SegmentPrediction(" ", 1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> BinaryMetrics.forRecords(List.of()));
    }
}
