package org.ecgpeft.train.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.ecgpeft.config.Json;
import org.ecgpeft.ecgllm.EcgLlm;
import org.ecgpeft.ecgllm.EcgLlmBatch;
import org.ecgpeft.ecgllm.EcgLlmCheckpoint;
import org.ecgpeft.ecgllm.EcgPromptTokens;
import org.ecgpeft.eval.AnswerParser;
import org.ecgpeft.eval.LlmAnswerMetrics;
import org.ecgpeft.eval.LlmAnswerReport;
import org.ecgpeft.model.qwen3.Qwen3MemoryBudget;
import org.ecgpeft.train.AccumulatingEpochLoop;
import org.ecgpeft.train.AdamW;
import org.ecgpeft.train.AdamWOptions;
import org.ecgpeft.train.HostReads;
import org.ecgpeft.train.LrSchedule;
import org.ecgpeft.train.ProgressLog;
import org.ecgpeft.train.TrainingCheckpoint;
import org.ecgpeft.train.TrainingCurve;
import org.ecgpeft.train.TrainingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fine-tunes an {@link EcgLlm}'s LoRA branches and projector on encoder features: AdamW on the trainable
 * parameters only, linear warm-up and decay, gradient accumulation, global-norm clipping, progress with
 * steps/s and ETA, curve points, and an atomic checkpoint (LoRA + projector + configs, plus the optimizer
 * and loop state) after every epoch. The memory estimate for the run is logged before the first step.
 *
 * <p>Determinism: the data order depends only on (seed, epoch) and the engine's RNG (dropout) is re-seeded
 * at the start of every epoch, so a run killed and started again on the same checkpoint root resumes after
 * its last epoch checkpoint and ends with the same weights as an uninterrupted run (bit for bit on CPU).
 */
public final class EcgLlmTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(EcgLlmTrainer.class);

    private final LlmTrainingConfig config;

    public EcgLlmTrainer(LlmTrainingConfig config) {
        this.config = config;
    }

    /**
     * Trains {@code model} in place.
     *
     * @param validation rows answered after every epoch (accuracy, F1, invalid rate as curve points), or null
     * @param answerer answers the validation rows; required when {@code validation} is given
     * @param checkpointRoot where {@code epoch-NNN/} checkpoints go, or null for none; when it already holds
     *     some, the run resumes after the latest
     * @param baseModel the base model's folder or name, recorded in the checkpoints
     */
    public LlmTrainingResult fit(
            EcgLlm model,
            EcgPromptTokens tokens,
            EcgFeatureSet train,
            EcgFeatureSet validation,
            EcgLlmAnswerer answerer,
            Path checkpointRoot,
            String baseModel) {
        if (validation != null && answerer == null) {
            throw new IllegalArgumentException("a validation set needs an answerer");
        }
        if (train.dim() != model.config().featureDim()) {
            throw new IllegalArgumentException("training features are " + train.dim() + "-d but the projector expects "
                    + model.config().featureDim());
        }
        long started = System.nanoTime();
        Map<String, Parameter> params = model.trainableParameters();
        LOG.info(
                "ECG-LLM: {} trainable of {} parameters (LoRA r={} on {} + projector)",
                model.countParameters(true),
                model.countParameters(false),
                model.config().loraRank(),
                model.config().loraTargets());
        LOG.info(memoryBudget(model, tokens).summary());
        long totalSteps =
                AccumulatingEpochLoop.stepsPerEpoch(train.size(), config.batchSize(), config.accumulationSteps())
                        * config.epochs();
        long warmup = Math.min(config.warmupSteps(), totalSteps);
        if (warmup < config.warmupSteps()) {
            LOG.warn(
                    "warm-up of {} steps is longer than the run ({} steps); warming up over all of it",
                    config.warmupSteps(),
                    totalSteps);
        }
        LrSchedule schedule = new LrSchedule(LrSchedule.Kind.LINEAR, config.learningRate(), warmup, totalSteps);
        AnswerParser parser = model.config().prompt().parser();
        TrainingCheckpoint checkpoints = checkpointRoot == null ? null : new TrainingCheckpoint(checkpointRoot);
        Map<String, NDArray> weights = new LinkedHashMap<>();
        params.forEach((name, p) -> weights.put(name, p.getArray()));
        try (AdamW optimizer = new AdamW(params, new AdamWOptions(0.9, 0.999, 1e-8, config.weightDecay(), false))) {
            Optional<Path> resumed = latest(checkpoints);
            TrainingState state = resumed.isEmpty() ? null : loadState(resumed.get(), weights, optimizer);
            List<TrainingCurve> curves = new ArrayList<>(state == null ? List.of() : state.curves());
            double epochLoss = curves.stream()
                    .filter(c -> c.metric().equals("epoch_loss"))
                    .reduce((a, b) -> b)
                    .map(TrainingCurve::value)
                    .orElse(Double.NaN);
            Path last = resumed.orElse(null);
            // One progress log for the whole run: its rate and ETA span all epochs.
            AccumulatingEpochLoop loop = new AccumulatingEpochLoop(
                    optimizer,
                    schedule,
                    new ProgressLog(LOG, config.logEvery(), totalSteps),
                    config.batchSize(),
                    config.accumulationSteps(),
                    config.maxGradNorm(),
                    new HostReads());
            for (int epoch = state == null ? 1 : state.epochsDone() + 1; epoch <= config.epochs(); epoch++) {
                epochLoss = trainEpoch(model, tokens, train, epoch, loop, curves);
                curves.add(new TrainingCurve(epoch, optimizer.steps(), "train", epochLoss, "epoch_loss", epochLoss));
                if (validation != null) {
                    validate(model, tokens, validation, answerer, parser, epoch, optimizer.steps(), curves);
                }
                if (checkpoints != null) {
                    last = checkpoints.epochDir(epoch);
                    save(
                            checkpoints,
                            last,
                            model,
                            weights,
                            optimizer,
                            baseModel,
                            new TrainingState(epoch, optimizer.steps(), config.seed(), 0, 0, 0, Map.of(), curves));
                }
            }
            return new LlmTrainingResult(
                    curves, optimizer.steps(), epochLoss, (System.nanoTime() - started) / 1e9, last);
        }
    }

    /** The latest epoch checkpoint under {@code checkpoints}, if any: a killed run continues after it. */
    private static Optional<Path> latest(TrainingCheckpoint checkpoints) {
        if (checkpoints == null) {
            return Optional.empty();
        }
        try {
            return checkpoints.latest();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for checkpoints to resume from", e);
        }
    }

    /** Copies the LoRA, projector and optimizer state of {@code dir} into the run and returns its loop state. */
    private TrainingState loadState(Path dir, Map<String, NDArray> weights, AdamW optimizer) {
        try {
            // Parsed back from text, so that numbers compare as the stored ones were read.
            JsonNode wanted = Json.OWN.parse(Json.OWN.write(config), JsonNode.class, "the training settings");
            JsonNode stored =
                    Json.OWN.tree(dir.resolve(EcgLlmCheckpoint.CONFIG_FILE)).path("training");
            if (!wanted.equals(stored)) {
                throw new IllegalStateException("checkpoint " + dir + " was made with training settings " + stored
                        + " but this run uses " + wanted + ": resume with the same settings or use a new folder");
            }
            TrainingState state = TrainingCheckpoint.load(dir, weights, optimizer);
            LOG.info("resuming from {} (epoch {}, step {})", dir, state.epochsDone(), state.steps());
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resume from " + dir, e);
        }
    }

    /** The memory estimate of this run: the base's weight dtype, the LoRA targets, batch x longest sequence. */
    public Qwen3MemoryBudget memoryBudget(EcgLlm model, EcgPromptTokens tokens) {
        DataType weights = model.llm().model().embedTokens().weight().getArray().getDataType();
        return new Qwen3MemoryBudget(
                model.llm().config(),
                weights,
                model.config().loraRank(),
                new HashSet<>(model.config().loraTargets()),
                config.batchSize(),
                tokens.maxTrainingLength(),
                DataType.FLOAT32);
    }

    private double trainEpoch(
            EcgLlm model,
            EcgPromptTokens tokens,
            EcgFeatureSet train,
            int epoch,
            AccumulatingEpochLoop loop,
            List<TrainingCurve> curves) {
        model.manager().getEngine().setRandomSeed((int) (config.seed() * 7919 + epoch));
        int[] order = permutation(train.size(), new Random(config.seed() * 1_000_003L + epoch));
        return loop.run(
                model.manager(),
                order,
                epoch,
                (step, rows) -> {
                    NDArray features = step.create(train.rows(rows), new Shape(rows.length, train.dim()));
                    return model.loss(EcgLlmBatch.training(tokens, train.labels(rows)), features, true);
                },
                (steps, window) -> curves.add(new TrainingCurve(epoch, steps, "train", window, "loss", window)));
    }

    private void validate(
            EcgLlm model,
            EcgPromptTokens tokens,
            EcgFeatureSet validation,
            EcgLlmAnswerer answerer,
            AnswerParser parser,
            int epoch,
            long steps,
            List<TrainingCurve> curves) {
        double loss = evaluationLoss(model, tokens, validation);
        LlmAnswerReport report = LlmAnswerMetrics.fromTexts(validation.labels(), answerer.answer(validation), parser);
        curves.add(new TrainingCurve(epoch, steps, "validation", loss, "loss", loss));
        curves.add(new TrainingCurve(
                epoch, steps, "validation", loss, "accuracy", report.metrics().accuracy()));
        curves.add(new TrainingCurve(
                epoch, steps, "validation", loss, "f1", report.metrics().f1()));
        curves.add(new TrainingCurve(epoch, steps, "validation", loss, "invalid_rate", report.invalidRate()));
        LOG.info(String.format(
                Locale.ROOT,
                "epoch %d validation: loss %.4f, accuracy %.4f, AF F1 %.4f, invalid %d/%d",
                epoch,
                loss,
                report.metrics().accuracy(),
                report.metrics().f1(),
                report.invalid(),
                validation.size()));
    }

    /** Mean teacher-forced answer loss over {@code set} in eval mode (no dropout, no gradients). */
    public double evaluationLoss(EcgLlm model, EcgPromptTokens tokens, EcgFeatureSet set) {
        double sum = 0;
        int batches = 0;
        for (int from = 0; from < set.size(); from += config.evalBatchSize()) {
            int[] rows = EcgLlmAnswerer.range(from, Math.min(from + config.evalBatchSize(), set.size()));
            try (NDManager step = model.manager().newSubManager()) {
                NDArray features = step.create(set.rows(rows), new Shape(rows.length, set.dim()));
                sum += model.loss(EcgLlmBatch.training(tokens, set.labels(rows)), features, false)
                        .getFloat();
                batches++;
            }
        }
        return sum / batches;
    }

    /**
     * One atomic epoch checkpoint: the loadable LoRA + projector + configs ({@link EcgLlmCheckpoint}) and, for
     * resuming, the trainable weights, AdamW moments and loop state ({@link TrainingCheckpoint}).
     */
    private void save(
            TrainingCheckpoint checkpoints,
            Path dir,
            EcgLlm model,
            Map<String, NDArray> weights,
            AdamW optimizer,
            String baseModel,
            TrainingState state) {
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("epoch", state.epochsDone());
        progress.put("optimizer_steps", state.steps());
        Map<String, JsonNode> extra = Map.of("training", config.toJson(), "progress", Json.OWN.toTree(progress));
        try {
            checkpoints.save(
                    dir, weights, optimizer, null, state, tmp -> EcgLlmCheckpoint.save(tmp, model, baseModel, extra));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ECG-LLM checkpoint " + dir, e);
        }
        LOG.info("checkpoint {} (LoRA + projector)", dir);
    }

    private static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
