package org.ecgpeft.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the report says about the data: where it came from, how it is labelled and split, and how it was
 * normalised. Maps keep the caller's order (labels and splits are printed in that order).
 *
 * @param sources           data source names as stored in {@code ecg_records.source} (e.g. {@code cinc2017})
 * @param recordsPerLabel   record count per label name
 * @param segmentsPerSplit  segment count per split name
 * @param normMode          normalisation of the reported segments ({@code per-segment} or {@code global})
 * @param dataVersion       data version of {@code ecg_segments} the report covers
 */
public record DatasetSummary(
        List<String> sources,
        Map<String, Long> recordsPerLabel,
        Map<String, Long> segmentsPerSplit,
        String normMode,
        String dataVersion) {

    public DatasetSummary {
        sources = List.copyOf(Objects.requireNonNull(sources, "dataset.sources"));
        recordsPerLabel = counts(recordsPerLabel, "dataset.recordsPerLabel");
        segmentsPerSplit = counts(segmentsPerSplit, "dataset.segmentsPerSplit");
        normMode = Require.text(normMode, "dataset.normMode");
        dataVersion = Require.text(dataVersion, "dataset.dataVersion");
    }

    /** Total records over all labels. */
    public long totalRecords() {
        return recordsPerLabel.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Total segments over all splits. */
    public long totalSegments() {
        return segmentsPerSplit.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Long> counts(Map<String, Long> in, String key) {
        Objects.requireNonNull(in, key);
        Map<String, Long> copy = new LinkedHashMap<>();
        in.forEach((name, count) -> {
            Require.text(name, key + " name");
            if (count == null || count < 0) {
                throw new IllegalArgumentException(key + "[" + name + "] must be a count >= 0, got " + count);
            }
            copy.put(name, count);
        });
        return Collections.unmodifiableMap(copy);
    }
}
