package org.ecgpeft.train.encoder;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ecgpeft.model.mscnn.MsCnn;
import org.ecgpeft.train.InputPreparer;
import org.ecgpeft.train.TrainableModel;
import org.ecgpeft.train.Trainer;
import org.ecgpeft.train.TrainingResult;
import org.ecgpeft.train.encoder.RecordSplitter.Split;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the MS-CNN encoder from scratch on whole N/AF records: split by record ({@link RecordSplitter}),
 * a fresh random crop of every training record per epoch ({@link RandomCrops}) through the generic
 * {@link Trainer} (AdamW, warm-up + cosine decay, oversampling or class weights, early stopping on the
 * validation windows' F1), the best epoch saved as an {@link MsCnnCheckpoint} (BatchNorm statistics
 * included, which the trainer's own checkpoints of trainable weights do not hold), then every split
 * evaluated at segment and record level with that best model ({@link EncoderFigures}).
 */
public final class MsCnnTraining {

    /** Sub-folder of the output folder that holds the best epoch's checkpoint. */
    public static final String CHECKPOINT_DIR = "model";

    private static final Logger LOG = LoggerFactory.getLogger(MsCnnTraining.class);

    private final MsCnnTrainingConfig config;
    private final RecordSplitter splitter;

    public MsCnnTraining(MsCnnTrainingConfig config, RecordSplitter splitter) {
        this.config = config;
        this.splitter = splitter;
    }

    /**
     * Runs the training and evaluation; the model lives on {@code manager}'s device.
     *
     * @param outDir receives {@value #CHECKPOINT_DIR}/ (the best checkpoint)
     */
    public MsCnnTrainingSummary run(List<AfRecord> records, Path outDir, NDManager manager) throws IOException {
        Map<Split, List<AfRecord>> splits = splitter.split(records);
        int length = config.model().inputLength();
        Map<Split, EvaluationWindows> windows = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            if (splits.get(s).isEmpty()) {
                throw new IllegalArgumentException("the " + s.tableName() + " split is empty: need more records");
            }
            if (s != Split.TRAIN || config.evaluateTrain()) {
                windows.put(s, EvaluationWindows.of(splits.get(s), length, config.evalStride(), config.sampleRateHz()));
            }
            LOG.info("{}: {} records ({} AF), {} evaluation windows", s.tableName(), splits.get(s).size(),
                    splits.get(s).stream().filter(r -> r.label() == 1).count(),
                    windows.containsKey(s) ? windows.get(s).size() : 0);
        }

        Engine.getInstance().setRandomSeed((int) config.seed());
        MsCnn model = new MsCnn(config.model());
        model.materialize(manager, DataType.FLOAT32, true);
        TrainableModel trainable = TrainableModel.of(model, (x, training) -> model.forward(x, training).logits());
        Path checkpoint = outDir.resolve(CHECKPOINT_DIR);
        LOG.info("MS-CNN {} with {} parameters", config.model(), model.countParameters(false));

        RandomCrops crops = new RandomCrops(splits.get(Split.TRAIN), length, config.sampleRateHz(), config.seed());
        TrainingResult result = new Trainer(config.trainerConfig(), InputPreparer.identity())
                .fit(trainable, crops, windows.get(Split.VAL).data(), null, state -> {
                    if (state.bestEpoch() == state.epochsDone()) {
                        save(checkpoint, model);
                    }
                    return true;
                });
        // The trainer restores the best trainable weights only; the checkpoint also has that epoch's BN statistics.
        MsCnnCheckpoint.loadInto(checkpoint, model);

        EncoderFigures figures = EncoderFigures.of(trainable, windows, new EncoderEvaluator(config.evalBatchSize()));
        return new MsCnnTrainingSummary(config, splitter, splits, result, figures, checkpoint.toAbsolutePath(),
                model.countParameters(false));
    }

    private static void save(Path dir, MsCnn model) {
        try {
            MsCnnCheckpoint.save(dir, model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the MS-CNN checkpoint " + dir, e);
        }
    }
}
