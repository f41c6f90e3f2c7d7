package org.ecgpeft.train.mscnn;

import java.util.Objects;
import org.ecgpeft.signal.RecordSplitter;

/**
 * One whole single-lead record of the N-vs-AF task, before windowing.
 *
 * @param recordId record id (e.g. {@code A00001}); the unit of the split
 * @param label 0 (normal sinus rhythm, CinC {@code N}) or 1 (atrial fibrillation, CinC {@code A})
 * @param signal samples at the study rate (not copied: callers must not mutate it)
 */
public record AfRecord(String recordId, int label, float[] signal) implements RecordSplitter.Labelled {

    public AfRecord {
        if (recordId == null || recordId.isBlank()) {
            throw new IllegalArgumentException("recordId must be non-blank");
        }
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label of record " + recordId + " must be 0 or 1, got " + label);
        }
        Objects.requireNonNull(signal, "signal of record " + recordId);
        if (signal.length == 0) {
            throw new IllegalArgumentException("record " + recordId + " has no samples");
        }
    }
}
