package org.ecgpeft.train.mscnn;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ecgpeft.signal.RecordSplitter;
import org.ecgpeft.signal.RecordSplitter.Split;
import org.ecgpeft.train.TrainingResult;

/**
 * Outcome of an {@link MsCnnTraining} run.
 *
 * @param config the run's settings
 * @param splitter the split rule used
 * @param records records per split
 * @param afRecords AF records per split
 * @param training the trainer's result (curves, best epoch, time)
 * @param figures figures of the best model per evaluated split
 * @param checkpoint folder of the best model ({@link MsCnnCheckpoint})
 * @param parameters parameter count of the model (BatchNorm statistics included)
 */
public record MsCnnTrainingSummary(
        MsCnnTrainingConfig config,
        RecordSplitter splitter,
        Map<Split, Integer> records,
        Map<Split, Integer> afRecords,
        TrainingResult training,
        EncoderFigures figures,
        Path checkpoint,
        long parameters) {

    public MsCnnTrainingSummary {
        records = Map.copyOf(records);
        afRecords = Map.copyOf(afRecords);
    }

    MsCnnTrainingSummary(
            MsCnnTrainingConfig config,
            RecordSplitter splitter,
            Map<Split, List<AfRecord>> splits,
            TrainingResult training,
            EncoderFigures figures,
            Path checkpoint,
            long parameters) {
        this(config, splitter, count(splits, false), count(splits, true), training, figures, checkpoint, parameters);
    }

    private static Map<Split, Integer> count(Map<Split, List<AfRecord>> splits, boolean afOnly) {
        Map<Split, Integer> out = new EnumMap<>(Split.class);
        splits.forEach((s, list) -> out.put(s, (int)
                list.stream().filter(r -> !afOnly || r.label() == 1).count()));
        return out;
    }
}
