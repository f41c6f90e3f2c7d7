package org.ecgpeft.jobs.ingest;

import java.util.Map;

/**
 * What one ingest run found and wrote.
 *
 * @param validByLabel    valid records read per label ({@link #UNLABELLED} for records without one)
 * @param rejected        inputs rejected in this run (reader rejects and record id conflicts)
 * @param recordsWritten  records inserted or updated (0 when re-ingesting unchanged input)
 * @param rejectsWritten  new reject rows
 * @param recordsVersion  Delta version of {@code ecg_records} after the run
 */
public record IngestSummary(
        Map<String, Long> validByLabel, long rejected, long recordsWritten, long rejectsWritten, long recordsVersion) {
    /** The {@link #validByLabel} key of records without a label. */
    public static final String UNLABELLED = "unlabelled";

    /** Copies the map so the summary is immutable. */
    public IngestSummary {
        validByLabel = Map.copyOf(validByLabel);
    }

    /** Valid records read, all labels together. */
    public long valid() {
        return validByLabel.values().stream().mapToLong(Long::longValue).sum();
    }
}
