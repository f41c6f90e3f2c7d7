package org.ecgpeft.eval;

/** How {@link RecordAggregator} turns a record's segment probabilities into one prediction. */
public enum AggregationMode {
    /** Score = mean segment probability; predict 1 when the score is {@code >= threshold}. */
    MEAN_PROBABILITY,
    /**
     * Each segment votes 1 when its probability is {@code >= threshold}; score = fraction of votes for 1;
     * predict the majority, and break an exact tie by the mean probability against the threshold.
     */
    MAJORITY_VOTE
}
