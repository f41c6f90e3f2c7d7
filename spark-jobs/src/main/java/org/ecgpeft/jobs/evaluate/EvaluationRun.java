package org.ecgpeft.jobs.evaluate;

/**
 * A registered model to evaluate (one {@code ecg_models} row).
 *
 * @param runId         the run
 * @param checkpointUri its artifact folder, or null when the run saved none
 * @param dataVersion   the {@code ecg_segments.data_version} it was trained on: evaluation uses the same
 *                      preprocessing (window, split, norm mode)
 * @param family        its {@code ecg_models.family}: ECG-LLM runs are scored through their encoder's features
 */
public record EvaluationRun(String runId, String checkpointUri, String dataVersion, String family) {
    /** Validates the row. */
    public EvaluationRun {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("ecg_models row with a blank run_id");
        }
        if (dataVersion == null || dataVersion.isBlank()) {
            throw new IllegalArgumentException("ecg_models run " + runId + " has a blank data_version");
        }
        if (family == null || family.isBlank()) {
            throw new IllegalArgumentException("ecg_models run " + runId + " has a blank family");
        }
    }
}
