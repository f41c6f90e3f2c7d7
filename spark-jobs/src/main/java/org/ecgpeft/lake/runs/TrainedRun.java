package org.ecgpeft.lake.runs;

/**
 * What a training job registers in {@code ecg_models} for one finished run ({@link RunRegistry#register}). The
 * report reads runs back as {@code report.ModelRun}, with the study and norm mode it groups them by.
 *
 * @param runId           stable id of the run
 * @param family          model family, e.g. {@code mscnn}, {@code qwen3-ecgllm}
 * @param peft            PEFT variant, e.g. {@code none}, {@code lora}
 * @param hyperParams     the run's settings as JSON
 * @param trainableParams parameters that received gradients
 * @param totalParams     all parameters of the model
 * @param checkpointUri   where the checkpoint lives
 * @param trainSeconds    wall time of the training
 * @param peakMemoryBytes peak JVM heap seen during the run (null when not measured)
 * @param dataVersion     the data version trained on
 */
public record TrainedRun(
        String runId,
        String family,
        String peft,
        String hyperParams,
        long trainableParams,
        long totalParams,
        String checkpointUri,
        double trainSeconds,
        Long peakMemoryBytes,
        String dataVersion) {
    /** Validates the identifying fields. */
    public TrainedRun {
        for (String[] f : new String[][] {
            {"run_id", runId},
            {"family", family},
            {"peft", peft},
            {"hyper_params", hyperParams},
            {"data_version", dataVersion}
        }) {
            if (f[1] == null || f[1].isBlank()) {
                throw new IllegalArgumentException("ecg_models." + f[0] + " must not be blank");
            }
        }
        if (trainableParams < 0 || totalParams < trainableParams) {
            throw new IllegalArgumentException("run " + runId + ": need 0 <= trainable_params <= total_params, got "
                    + trainableParams + " / " + totalParams);
        }
    }
}
