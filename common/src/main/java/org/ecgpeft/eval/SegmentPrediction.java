package org.ecgpeft.eval;

/**
 * A model's class-1 probability for one segment of a record, with the record's label.
 *
 * @param recordId    id of the record the segment was cut from (non-blank)
 * @param label       0 (normal) or 1 (atrial fibrillation)
 * @param probability finite probability (or score) for class 1
 */
public record SegmentPrediction(String recordId, int label, double probability) {

    public SegmentPrediction {
        if (recordId == null || recordId.isBlank()) {
            throw new IllegalArgumentException("recordId must not be blank");
        }
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label = " + label + " for record " + recordId + " but must be 0 or 1");
        }
        if (!Double.isFinite(probability)) {
            throw new IllegalArgumentException(
                    "probability = " + probability + " for record " + recordId + " but must be finite");
        }
    }
}
