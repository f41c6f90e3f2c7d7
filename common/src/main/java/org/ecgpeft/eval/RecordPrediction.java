package org.ecgpeft.eval;

/**
 * One record's aggregated prediction.
 *
 * @param recordId   record id
 * @param label      the record's label (all its segments agree on it)
 * @param score      the aggregated score used for ranking metrics: the mean segment probability
 *                   ({@link AggregationMode#MEAN_PROBABILITY}) or the fraction of segments voting 1
 *                   ({@link AggregationMode#MAJORITY_VOTE})
 * @param prediction the aggregated 0/1 prediction
 * @param segments   number of segments aggregated (at least 1)
 */
public record RecordPrediction(String recordId, int label, double score, int prediction, int segments) {

    public RecordPrediction {
        if (recordId == null || recordId.isBlank()) {
            throw new IllegalArgumentException("recordId must not be blank");
        }
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label = " + label + " for record " + recordId + " must be 0 or 1");
        }
        if (prediction != 0 && prediction != 1) {
            throw new IllegalArgumentException(
                    "prediction = " + prediction + " for record " + recordId + " must be 0 or 1");
        }
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score = " + score + " for record " + recordId + " must be finite");
        }
        if (segments < 1) {
            throw new IllegalArgumentException("segments = " + segments + " for record " + recordId + " must be >= 1");
        }
    }
}
