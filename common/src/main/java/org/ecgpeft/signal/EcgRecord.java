package org.ecgpeft.signal;

import java.util.Objects;
import java.util.Set;

/**
 * One single-lead ECG record in memory, signal in millivolts.
 *
 * <p>{@code label} is one of the PhysioNet/CinC 2017 classes: {@code N} normal, {@code A} atrial
 * fibrillation, {@code O} other rhythm, {@code ~} noisy. CSV segments map 0 to N and 1 to A; the
 * synthetic generator emits N or A. A {@code null} label marks an unlabelled record (a WFDB record
 * that its folder's {@code REFERENCE.csv} does not list). The signal array is not copied (records are built once per
 * read and handed on), so callers must not mutate it after construction.
 */
public record EcgRecord(String recordId, String source, double sampleRate, String label, float[] signal) {

    /** The accepted class labels. */
    public static final Set<String> LABELS = Set.of("N", "A", "O", "~");

    public EcgRecord {
        if (recordId == null || recordId.isBlank()) {
            throw new IllegalArgumentException("recordId must be non-blank");
        }
        Objects.requireNonNull(source, "source");
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException(
                    "sampleRate must be positive and finite, got " + sampleRate + " for record " + recordId);
        }
        if (label != null && !isValidLabel(label)) {
            throw new IllegalArgumentException(
                    "label must be one of " + LABELS + " or null, got '" + label + "' for record " + recordId);
        }
        Objects.requireNonNull(signal, "signal");
    }

    /** True when {@code label} is one of {@link #LABELS}. */
    public static boolean isValidLabel(String label) {
        return label != null && LABELS.contains(label);
    }

    /** Record duration in seconds. */
    public double durationSeconds() {
        return signal.length / sampleRate;
    }

    @Override
    public String toString() {
        return "EcgRecord[" + recordId + ", source=" + source + ", " + sampleRate + " Hz, label="
                + (label == null ? "(unlabelled)" : label)
                + ", " + signal.length + " samples]";
    }
}
