package org.ecgpeft.jobs.mscnn;

import java.util.Optional;
import org.ecgpeft.train.mscnn.MsCnnTrainingConfig;

/**
 * Validated settings of the train-mscnn job.
 *
 * @param tablesRoot  the Delta table root
 * @param dataVersion segments to train on (empty: the only data version with windows of the model's length)
 * @param preset      name of the model preset ({@code compact}, {@code paper}), recorded with the run
 * @param training    the MS-CNN training settings (model, optimiser, balancing, early stopping)
 */
public record TrainMsCnnConfig(
        String tablesRoot, Optional<String> dataVersion, String preset, MsCnnTrainingConfig training) {
    /** Validates the settings, naming the option at fault. */
    public TrainMsCnnConfig {
        if (tablesRoot == null || tablesRoot.isBlank()) {
            throw new IllegalArgumentException("--tables must name a table root");
        }
        if (preset == null || preset.isBlank()) {
            throw new IllegalArgumentException("--preset must name a model preset");
        }
        if (training == null) {
            throw new IllegalArgumentException("training settings must be given");
        }
    }
}
