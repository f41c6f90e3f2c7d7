package org.ecgpeft.jobs.train;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.ecgpeft.train.study.StudyPlan;

/**
 * Settings of the {@code train} job.
 *
 * @param tablesRoot the Delta table root
 * @param planFile the study plan ({@code conf/peft-study.json} or a smaller one)
 * @param plan the plan read from it
 * @param normModes the normalisations to train on (the plan's by default)
 * @param dataVersion the {@code ecg_segments} data version, or empty for the newest of each norm mode
 * @param sampleRateHz the segments' sampling rate (the table does not store it; CinC 2017 and the synthetic
 *     source use 300 Hz)
 * @param maxSegments per split, at most this many segments (a fixed sample of half per label; 0 = all), for
 *     quick runs
 * @param checkpointRoot where artifacts go; {@code <tables>/checkpoints} by default
 * @param baseDtype the frozen base's dtype: FP32, or FP16 (a GPU driver; PEFT weights, head and loss stay FP32)
 */
public record TrainConfig(
        String tablesRoot,
        Path planFile,
        StudyPlan plan,
        List<String> normModes,
        Optional<String> dataVersion,
        double sampleRateHz,
        int maxSegments,
        String checkpointRoot,
        DataType baseDtype) {
    /** Validates every field, naming the option. */
    public TrainConfig {
        if (tablesRoot == null || tablesRoot.isBlank()) {
            throw new IllegalArgumentException("--tables must not be blank");
        }
        normModes = List.copyOf(normModes);
        if (normModes.isEmpty()) {
            throw new IllegalArgumentException("--norm must name at least one norm mode");
        }
        for (String m : normModes) {
            if (!StudyPlan.NORM_MODES.contains(m)) {
                throw new IllegalArgumentException("--norm: '" + m + "' is not one of " + StudyPlan.NORM_MODES);
            }
        }
        if (!(sampleRateHz > 0)) {
            throw new IllegalArgumentException("--sample-rate must be > 0 Hz, got " + sampleRateHz);
        }
        if (maxSegments < 0) {
            throw new IllegalArgumentException("--max-segments must be >= 0, got " + maxSegments);
        }
        if (checkpointRoot == null || checkpointRoot.isBlank()) {
            throw new IllegalArgumentException("--checkpoints must not be blank");
        }
        if (baseDtype != DataType.FLOAT32 && baseDtype != DataType.FLOAT16) {
            throw new IllegalArgumentException("--dtype must be fp32 or fp16, got " + baseDtype);
        }
    }
}
