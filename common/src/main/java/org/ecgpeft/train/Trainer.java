package org.ecgpeft.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecgpeft.config.Json;
import org.ecgpeft.eval.BinaryMetrics;
import org.ecgpeft.eval.MetricReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop, device-agnostic and Spark-free: AdamW over the trainable parameters, warm-up + decay,
 * gradient accumulation, global-norm clipping, class-weighted loss and/or minority oversampling, validation
 * metrics every epoch, early stopping on validation F1, atomic checkpoints per epoch and for the best epoch
 * ({@link TrainingCheckpoint}), and exact resume.
 *
 * <p>Determinism: the data order depends only on (seed, epoch) and the engine's RNG (dropout) is re-seeded
 * at the start of every epoch, so a run killed at any step and started again on the same checkpoint root
 * replays from its last epoch checkpoint what an uninterrupted run does (bit for bit on CPU; on a GPU only as
 * far as its kernels are deterministic). A resume with other trainer settings is refused.
 * The epoch itself (micro-batches, accumulation, per-step sub-managers, progress) is an
 * {@link AccumulatingEpochLoop}.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    /** The trainer settings, saved with each checkpoint: a resume with other settings is refused. */
    static final String SETTINGS = "trainer.json";

    static final List<String> CURVE_METRICS =
            List.of("accuracy", "precision", "recall", "f1", "macro_f1", "auroc", "auprc");

    private final TrainerConfig config;
    private final InputPreparer preparer;

    public Trainer(TrainerConfig config, InputPreparer preparer) {
        this.config = config;
        this.preparer = preparer;
    }

    /** Called after each epoch's checkpoint; returning false ends the run there (e.g. a time-boxed job). */
    @FunctionalInterface
    public interface EpochListener {
        boolean afterEpoch(TrainingState state);
    }

    /**
     * The training rows of each epoch, e.g. a fresh random crop of every record per epoch. Every epoch must
     * give the same number of rows with the same labels (the sampler and class weights are fixed per run).
     */
    @FunctionalInterface
    public interface EpochData {
        SegmentDataset forEpoch(int epoch);
    }

    /** Trains without checkpoints. */
    public TrainingResult fit(TrainableModel model, SegmentDataset train, SegmentDataset validation) {
        return fit(model, train, validation, null, state -> true);
    }

    /**
     * Trains {@code model} in place and leaves the best epoch's trainable weights in it. When
     * {@code checkpointRoot} already holds an epoch checkpoint, the run resumes after it.
     */
    public TrainingResult fit(
            TrainableModel model,
            SegmentDataset train,
            SegmentDataset validation,
            Path checkpointRoot,
            EpochListener listener) {
        return fit(model, epoch -> train, validation, checkpointRoot, listener);
    }

    /** As {@link #fit(TrainableModel, SegmentDataset, SegmentDataset, Path, EpochListener)} with per-epoch rows. */
    public TrainingResult fit(
            TrainableModel model,
            EpochData trainData,
            SegmentDataset validation,
            Path checkpointRoot,
            EpochListener listener) {
        long started = System.nanoTime();
        Map<String, Parameter> params = model.trainableParameters();
        if (params.isEmpty()) {
            throw new IllegalArgumentException("the model has no trainable parameters");
        }
        SegmentDataset train = trainData.forEpoch(0);
        EpochSampler sampler = new EpochSampler(train.labels(), config.seed(), config.oversample());
        WeightedCrossEntropy loss = new WeightedCrossEntropy(
                config.classWeighting() ? WeightedCrossEntropy.balancedWeights(train.classCounts()) : null);
        long stepsPerEpoch = AccumulatingEpochLoop.stepsPerEpoch(
                sampler.epochSize(), config.batchSize(), config.accumulationSteps());
        long totalSteps = stepsPerEpoch * config.epochs();
        LrSchedule schedule = new LrSchedule(
                config.schedule(),
                config.learningRate(),
                (long) Math.ceil(config.warmupRatio() * totalSteps),
                totalSteps);
        TrainingCheckpoint checkpoints = checkpointRoot == null ? null : new TrainingCheckpoint(checkpointRoot);
        EarlyStopping stopping = new EarlyStopping(config.patience(), 0.0);
        BatchPredictor predictor = new BatchPredictor(preparer, config.evalBatchSize());
        Map<String, NDArray> weights = weights(model);

        try (AdamW optimizer = new AdamW(params, config.optimizer());
                BestWeights bestWeights = new BestWeights(weights, model.manager())) {
            TrainingState state = resume(checkpoints, weights, optimizer, stopping, bestWeights);
            List<TrainingCurve> curves = new ArrayList<>(state.curves());
            Map<String, Double> bestMetrics = state.bestMetrics();
            int epoch = state.epochsDone();
            boolean stoppedEarly = false;
            while (epoch < config.epochs() && !stopping.shouldStop()) {
                SegmentDataset rows = epoch == 0 ? train : trainData.forEpoch(epoch);
                if (!Arrays.equals(rows.labels(), train.labels())) {
                    throw new IllegalArgumentException(
                            "training rows of epoch " + epoch + " differ in labels from epoch 0");
                }
                double trainLoss =
                        trainEpoch(model, rows, sampler.order(epoch), epoch, loss, optimizer, schedule, totalSteps);
                epoch++;
                BatchPredictor.Predictions val = predictor.predict(model, validation);
                MetricReport report = BinaryMetrics.compute(validation.labels(), val.labels(), val.probabilities());
                Map<String, Double> metrics = report.asMap();
                long steps = optimizer.steps();
                curves.add(new TrainingCurve(epoch, steps, "train", trainLoss, "loss", trainLoss));
                curves.add(new TrainingCurve(epoch, steps, "validation", val.loss(), "loss", val.loss()));
                for (String name : CURVE_METRICS) {
                    curves.add(new TrainingCurve(epoch, steps, "validation", val.loss(), name, metrics.get(name)));
                }
                LOG.info(
                        "epoch {}/{}: train loss {}, validation loss {}, F1 {}, AUROC {}",
                        epoch,
                        config.epochs(),
                        fmt(trainLoss),
                        fmt(val.loss()),
                        fmt(report.f1()),
                        fmt(report.auroc()));
                boolean improved = stopping.update(epoch, report.f1());
                if (improved) {
                    bestMetrics = metrics;
                    bestWeights.capture();
                }
                state = new TrainingState(
                        epoch,
                        steps,
                        config.seed(),
                        stopping.best(),
                        stopping.bestEpoch(),
                        stopping.badEpochs(),
                        bestMetrics,
                        curves);
                if (checkpoints != null) {
                    // best/ first: a kill before the epoch checkpoint replays this epoch and writes the same best/.
                    if (improved) {
                        save(checkpoints, checkpoints.bestDir(), weights, null, null, state);
                    }
                    save(checkpoints, checkpoints.epochDir(epoch), weights, optimizer, bestWeights.weights(), state);
                }
                stoppedEarly = stopping.shouldStop() && epoch < config.epochs();
                if (!listener.afterEpoch(state)) {
                    break;
                }
            }
            bestWeights.restore();
            return new TrainingResult(
                    curves,
                    stopping.bestEpoch(),
                    stopping.best(),
                    bestMetrics,
                    epoch,
                    optimizer.steps(),
                    stoppedEarly,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /** The live arrays a checkpoint holds: the trainable parameters, then the buffers. */
    private static Map<String, NDArray> weights(TrainableModel model) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        model.trainableParameters().forEach((k, p) -> out.put(k, p.getArray()));
        model.buffers().forEach((k, p) -> out.put(k, p.getArray()));
        return out;
    }

    private double trainEpoch(
            TrainableModel model,
            SegmentDataset train,
            int[] order,
            int epoch,
            WeightedCrossEntropy loss,
            AdamW optimizer,
            LrSchedule schedule,
            long totalSteps) {
        model.manager().getEngine().setRandomSeed((int) (config.seed() * 7919 + epoch));
        // A fresh progress log per epoch: its rate and ETA leave out the time spent validating.
        ProgressLog progress = new ProgressLog(LOG, config.logEvery(), totalSteps);
        AccumulatingEpochLoop loop = new AccumulatingEpochLoop(
                optimizer,
                schedule,
                progress,
                config.batchSize(),
                config.accumulationSteps(),
                config.maxGradNorm(),
                new HostReads());
        return loop.run(
                model.manager(),
                order,
                epoch + 1,
                (step, rows) -> {
                    NDArray input = preparer.prepare(step, train, rows);
                    int[] labels = new int[rows.length];
                    for (int i = 0; i < rows.length; i++) {
                        labels[i] = train.labels()[rows[i]];
                    }
                    return loss.loss(model.forward(input, true), labels, 1.0);
                },
                (step, windowLoss) -> {});
    }

    private TrainingState resume(
            TrainingCheckpoint checkpoints,
            Map<String, NDArray> weights,
            AdamW optimizer,
            EarlyStopping stopping,
            BestWeights bestWeights) {
        TrainingState fresh =
                new TrainingState(0, 0, config.seed(), Double.NEGATIVE_INFINITY, 0, 0, Map.of(), List.of());
        if (checkpoints == null) {
            return fresh;
        }
        try {
            Optional<Path> latest = checkpoints.latest();
            if (latest.isEmpty()) {
                return fresh;
            }
            // Parsed back from text, so that numbers compare as the stored ones were read.
            JsonNode wanted = Json.OWN.parse(Json.OWN.write(config), JsonNode.class, "the trainer settings");
            JsonNode stored = Json.OWN.tree(latest.get().resolve(SETTINGS));
            if (!wanted.equals(stored)) {
                throw new IllegalStateException("checkpoint " + latest.get() + " was made with trainer settings "
                        + stored + " but this run uses " + wanted
                        + ": resume with the same settings or use a new checkpoint folder");
            }
            TrainingState state = TrainingCheckpoint.load(latest.get(), weights, optimizer);
            stopping.restore(state.bestF1(), state.bestEpoch(), state.badEpochs());
            bestWeights.load(latest.get().resolve(TrainingCheckpoint.BEST));
            LOG.info("resuming from {} (epoch {}, step {})", latest.get(), state.epochsDone(), state.steps());
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot resume from " + checkpoints.epochDir(0).getParent(), e);
        }
    }

    private void save(
            TrainingCheckpoint checkpoints,
            Path dir,
            Map<String, NDArray> weights,
            AdamW optimizer,
            Map<String, NDArray> best,
            TrainingState state) {
        try {
            checkpoints.save(
                    dir, weights, optimizer, best, state, tmp -> Json.OWN.write(tmp.resolve(SETTINGS), config));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + dir, e);
        }
    }

    private static String fmt(double v) {
        return String.format("%.4f", v);
    }
}
