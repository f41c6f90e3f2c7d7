package org.ecgpeft.train.mscnn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ecgpeft.model.mscnn.MsCnn;
import org.ecgpeft.signal.RecordSplitter;
import org.ecgpeft.signal.RecordSplitter.Split;
import org.ecgpeft.train.InputPreparer;
import org.ecgpeft.train.SegmentDataset;
import org.ecgpeft.train.TrainableModel;
import org.ecgpeft.train.Trainer;
import org.ecgpeft.train.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the MS-CNN encoder from scratch on whole N/AF records. {@link #fit} is the one training routine
 * (used here and by the Spark {@code train-mscnn} job): a fresh random crop of every training record per
 * epoch ({@link RandomCrops}) through the generic {@link Trainer} (AdamW, warm-up + cosine decay,
 * oversampling or class weights, early stopping on the validation windows' F1) with its epoch checkpoints
 * (BatchNorm statistics included) in a {@value #TRAINING_SUFFIX} folder beside the model's, so a killed run
 * started again resumes and ends with the same weights as an uninterrupted one; the best epoch is then saved
 * as an {@link MsCnnCheckpoint}. {@link #run} adds the standalone command's parts: the split
 * by record ({@link RecordSplitter}), the evaluation windows, and the figures of every split.
 */
public final class MsCnnTraining {

    /** Sub-folder of the output folder that holds the best epoch's checkpoint. */
    public static final String CHECKPOINT_DIR = "model";
    /** Appended to the checkpoint folder's name for the trainer's epoch checkpoints (resume). */
    public static final String TRAINING_SUFFIX = "-training";

    private static final Logger LOG = LoggerFactory.getLogger(MsCnnTraining.class);

    private final MsCnnTrainingConfig config;

    public MsCnnTraining(MsCnnTrainingConfig config) {
        this.config = config;
    }

    /**
     * The best model of a training run, restored from its checkpoint.
     *
     * @param model the network, weights and BatchNorm statistics of the best epoch
     * @param trainable the same network as the trainer and evaluator see it (input to logits)
     * @param training the trainer's result (curves, best epoch, time)
     */
    public record Fitted(MsCnn model, TrainableModel trainable, TrainingResult training) {}

    /**
     * Trains on random crops of {@code train}, early-stops on {@code validation}, and leaves the best epoch in
     * {@code checkpointDir} and in the returned model; the model lives on {@code manager}'s device. Epoch
     * checkpoints go to {@code checkpointDir} + {@value #TRAINING_SUFFIX}; when that already holds some, the run
     * resumes after the latest.
     *
     * @param train whole training records (raw samples; every crop is z-scored on its own)
     * @param validation fixed, per-segment z-scored windows of the validation records
     */
    public Fitted fit(List<AfRecord> train, SegmentDataset validation, Path checkpointDir, NDManager manager)
            throws IOException {
        Engine.getInstance().setRandomSeed((int) config.seed());
        MsCnn model = new MsCnn(config.model());
        model.materialize(manager, DataType.FLOAT32, true);
        TrainableModel trainable = TrainableModel.of(
                model, (x, training) -> model.forward(x, training).logits());
        LOG.info(
                "MS-CNN {} with {} parameters on {}",
                config.model(),
                model.countParameters(false),
                manager.getDevice());

        RandomCrops crops = new RandomCrops(train, config.model().inputLength(), config.sampleRateHz(), config.seed());
        Path epochs = checkpointDir.resolveSibling(checkpointDir.getFileName() + TRAINING_SUFFIX);
        TrainingResult result = new Trainer(config.trainerConfig(), InputPreparer.identity())
                .fit(trainable, crops, validation, epochs, state -> true);
        // The trainer left the best epoch's weights and BatchNorm statistics in the model.
        MsCnnCheckpoint.save(checkpointDir, model);
        return new Fitted(model, trainable, result);
    }

    /**
     * The standalone run: splits {@code records}, trains ({@link #fit}), and evaluates the best model on every
     * split ({@code train} only when the config asks for it).
     *
     * @param outDir receives {@value #CHECKPOINT_DIR}/ (the best checkpoint)
     */
    public MsCnnTrainingSummary run(List<AfRecord> records, RecordSplitter splitter, Path outDir, NDManager manager)
            throws IOException {
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
            LOG.info(
                    "{}: {} records ({} AF), {} evaluation windows",
                    s.tableName(),
                    splits.get(s).size(),
                    splits.get(s).stream().filter(r -> r.label() == 1).count(),
                    windows.containsKey(s) ? windows.get(s).size() : 0);
        }
        Path checkpoint = outDir.resolve(CHECKPOINT_DIR);
        Fitted fitted = fit(splits.get(Split.TRAIN), windows.get(Split.VAL).data(), checkpoint, manager);
        EncoderFigures figures =
                EncoderFigures.of(fitted.trainable(), windows, new EncoderEvaluator(config.evalBatchSize()));
        return new MsCnnTrainingSummary(
                config,
                splitter,
                splits,
                fitted.training(),
                figures,
                checkpoint.toAbsolutePath(),
                fitted.model().countParameters(false));
    }
}
