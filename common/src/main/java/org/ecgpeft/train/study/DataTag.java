package org.ecgpeft.train.study;

/**
 * Which data a study trained on, as recorded with every run.
 *
 * @param normMode the segments' normalisation ({@code per-segment} or {@code global})
 * @param dataVersion the {@code ecg_segments} data version
 */
public record DataTag(String normMode, String dataVersion) {

    public DataTag {
        if (normMode == null || normMode.isBlank() || dataVersion == null || dataVersion.isBlank()) {
            throw new IllegalArgumentException(
                    "norm mode and data version must be given, got " + normMode + ", " + dataVersion);
        }
    }
}
