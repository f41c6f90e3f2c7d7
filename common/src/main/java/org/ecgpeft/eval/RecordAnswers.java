package org.ecgpeft.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record-level reading of an ECG-LLM's answers made by {@link AnswerVote}.
 *
 * @param recordIds      records, sorted
 * @param labels         each record's label
 * @param votes          each record's outcome; INVALID when none of its answers was valid
 * @param invalidAnswers window answers left out of the vote as INVALID
 * @param ties           records whose valid votes were tied and went to the tie-break
 */
public record RecordAnswers(
        List<String> recordIds, int[] labels, List<ParsedAnswer> votes, long invalidAnswers, long ties) {

    public RecordAnswers {
        recordIds = List.copyOf(recordIds);
        votes = List.copyOf(votes);
        labels = labels.clone();
        BinaryInputs.requireSameLength(labels.length, recordIds.size(), "recordIds");
        BinaryInputs.requireSameLength(labels.length, votes.size(), "votes");
        if (invalidAnswers < 0 || ties < 0 || ties > labels.length) {
            throw new IllegalArgumentException("invalidAnswers = " + invalidAnswers + ", ties = " + ties
                    + " must be >= 0 (ties at most the " + labels.length + " records)");
        }
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** Record metrics as {@link LlmAnswerMetrics} scores answers: an INVALID record counts as wrong. */
    public LlmAnswerReport report() {
        return LlmAnswerMetrics.compute(labels, votes);
    }

    /**
     * {@link LlmAnswerReport#asMap()} of the records ({@code invalid}, {@code invalid_rate}: records without a
     * valid answer), then {@code invalid_answers} (window answers left out of the vote) and {@code ties}.
     */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>(report().asMap());
        map.put("invalid_answers", (double) invalidAnswers);
        map.put("ties", (double) ties);
        return Collections.unmodifiableMap(map);
    }
}
