package org.ecgpeft.jobs.preprocess;

import java.util.Map;
import java.util.Optional;
import org.ecgpeft.signal.ZScore;

/**
 * What one preprocess run wrote.
 *
 * @param dataVersion    the data version of the segments
 * @param segmentsBySplit segments written per split
 * @param excluded       records left out per label (not N or A)
 * @param globalStats    the training-split moments (global mode only)
 */
public record PreprocessResult(
        String dataVersion,
        Map<String, Long> segmentsBySplit,
        Map<String, Long> excluded,
        Optional<ZScore.Moments> globalStats) {
    /** Copies the maps so the result is immutable. */
    public PreprocessResult {
        segmentsBySplit = Map.copyOf(segmentsBySplit);
        excluded = Map.copyOf(excluded);
    }

    /** All segments written. */
    public long segments() {
        return segmentsBySplit.values().stream().mapToLong(Long::longValue).sum();
    }
}
