package org.ecgpeft.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Combines segment-level probabilities into one prediction per record (a record is one patient recording,
 * cut into many segments), so metrics can also be reported at record level.
 *
 * @param mode      aggregation rule
 * @param threshold probabilities {@code >= threshold} count as class 1 (finite)
 */
public record RecordAggregator(AggregationMode mode, double threshold) {

    public RecordAggregator {
        if (mode == null) {
            throw new IllegalArgumentException("mode must not be null");
        }
        BinaryInputs.requireThreshold(threshold);
    }

    /**
     * Aggregates segments of any number of records, in any order.
     *
     * @return one prediction per record, sorted by record id (so the result does not depend on input order)
     * @throws IllegalArgumentException when the segments of one record carry different labels
     */
    public List<RecordPrediction> aggregate(List<SegmentPrediction> segments) {
        if (segments == null) {
            throw new IllegalArgumentException("segments must not be null");
        }
        Map<String, Accumulator> byRecord = new TreeMap<>();
        for (SegmentPrediction segment : segments) {
            byRecord.computeIfAbsent(segment.recordId(), id -> new Accumulator(segment.label()))
                    .add(segment, threshold);
        }
        List<RecordPrediction> records = new ArrayList<>(byRecord.size());
        byRecord.forEach((id, acc) -> records.add(acc.toPrediction(id, mode, threshold)));
        return Collections.unmodifiableList(records);
    }

    /** Running sums for one record. */
    private static final class Accumulator {
        private final int label;
        private int count;
        private int positiveVotes;
        private double probabilitySum;

        Accumulator(int label) {
            this.label = label;
        }

        void add(SegmentPrediction segment, double threshold) {
            if (segment.label() != label) {
                throw new IllegalArgumentException("record " + segment.recordId() + " has segments labelled both "
                        + label + " and " + segment.label());
            }
            count++;
            probabilitySum += segment.probability();
            if (segment.probability() >= threshold) {
                positiveVotes++;
            }
        }

        RecordPrediction toPrediction(String recordId, AggregationMode mode, double threshold) {
            double mean = probabilitySum / count;
            int meanPrediction = mean >= threshold ? 1 : 0;
            if (mode == AggregationMode.MEAN_PROBABILITY) {
                return new RecordPrediction(recordId, label, mean, meanPrediction, count);
            }
            int twiceVotes = 2 * positiveVotes;
            int vote = twiceVotes > count ? 1 : twiceVotes < count ? 0 : meanPrediction;
            return new RecordPrediction(recordId, label, (double) positiveVotes / count, vote, count);
        }
    }
}
