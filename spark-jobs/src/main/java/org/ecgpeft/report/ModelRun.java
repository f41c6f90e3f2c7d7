package org.ecgpeft.report;

/**
 * One registered run as the report shows it: its {@code ecg_models} row (written as a
 * {@code lake.runs.TrainedRun}) plus the study and norm mode the report groups it by.
 *
 * @param runId            run id (unique in a report)
 * @param study            study the run belongs to (one curve chart per study), e.g. {@code peft}, {@code mscnn-llm}
 * @param family           model family, e.g. {@code wav2vec2-base}, {@code hubert-base-ls960}, {@code ecg-fm}
 * @param peft             PEFT method, e.g. {@code lora}, {@code houlsby}, {@code pfeiffer}, {@code none}
 * @param normMode         normalisation of the segments the run was trained on ({@code per-segment}, {@code global})
 * @param trainableParams  trainable parameter count
 * @param totalParams      total parameter count (>= trainable)
 * @param hyperParamsJson  hyper-parameters as stored (JSON text)
 * @param trainSeconds     wall-clock training time in seconds, NaN when not measured
 * @param stepMillis       mean optimizer step time in milliseconds, NaN when not measured
 * @param peakMemoryBytes  peak accelerator/host memory in bytes, -1 when not measured
 */
public record ModelRun(
        String runId,
        String study,
        String family,
        String peft,
        String normMode,
        long trainableParams,
        long totalParams,
        String hyperParamsJson,
        double trainSeconds,
        double stepMillis,
        long peakMemoryBytes) {

    public ModelRun {
        Require.text(runId, "run.runId");
        String where = "run[" + runId + "].";
        Require.text(study, where + "study");
        Require.text(family, where + "family");
        Require.text(peft, where + "peft");
        Require.text(normMode, where + "normMode");
        Require.nonNegative(trainableParams, where + "trainableParams");
        if (totalParams < trainableParams) {
            throw new IllegalArgumentException(
                    where + "totalParams (" + totalParams + ") must be >= trainableParams (" + trainableParams + ")");
        }
        hyperParamsJson = hyperParamsJson == null || hyperParamsJson.isBlank() ? "{}" : hyperParamsJson.strip();
        Require.nonNegativeOrNaN(trainSeconds, where + "trainSeconds");
        Require.nonNegativeOrNaN(stepMillis, where + "stepMillis");
        if (peakMemoryBytes < -1) {
            throw new IllegalArgumentException(
                    where + "peakMemoryBytes must be >= 0 or -1 (unknown), got " + peakMemoryBytes);
        }
    }

    /** The pipeline's default normalisation, left out of labels. */
    static final String DEFAULT_NORM = "per-segment";

    /** Label used in legends and tables: family / peft (norm mode only when not the default). */
    public String label() {
        return family + " / " + peft + normSuffix();
    }

    /** " (global)" for a run not on the default normalisation, else empty. */
    public String normSuffix() {
        return DEFAULT_NORM.equals(normMode) ? "" : " (" + normMode + ")";
    }

    /** Trainable share of all parameters, in percent (0 for an empty model). */
    public double trainablePercent() {
        return totalParams == 0 ? 0 : 100.0 * trainableParams / totalParams;
    }

    /** Peak memory in GiB, NaN when not measured. */
    public double peakMemoryGiB() {
        return peakMemoryBytes < 0 ? Double.NaN : peakMemoryBytes / (1024.0 * 1024 * 1024);
    }
}
