package org.ecgpeft.train.study;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;
import org.ecgpeft.train.SegmentDataset;
import org.ecgpeft.train.Trainer;
import org.ecgpeft.train.TrainerConfig;
import org.ecgpeft.train.TrainingResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link StudyPlan} on one normalisation of the data: every family x method x grid point is built,
 * trained and saved as an artifact folder {@code <outDir>/<run_id>} (with its epoch checkpoints under
 * {@code training/}, so an interrupted study resumes where it stopped). Runs one after another on the
 * device of the given manager.
 */
public final class StudyRunner {

    private static final Logger LOG = LoggerFactory.getLogger(StudyRunner.class);

    private final NDManager manager;
    private final DataType baseType;

    /** A runner whose models live on {@code manager}'s device (each run on its own sub-manager), FP32 bases. */
    public StudyRunner(NDManager manager) {
        this(manager, DataType.FLOAT32);
    }

    /** As {@link #StudyRunner(NDManager)} with the frozen bases stored as {@code baseType} (FLOAT32 or FLOAT16). */
    public StudyRunner(NDManager manager, DataType baseType) {
        this.manager = manager;
        this.baseType = baseType;
    }

    /**
     * Trains every run of the plan.
     *
     * @param train training split (one lead, normalised as {@code data.normMode()})
     * @param validation validation split, for early stopping and the best epoch
     * @param listener hears of each run as it starts and ends (e.g. to store its rows before the next starts)
     * @return one result per run, in plan order (families, then methods, then grid points)
     */
    public List<RunResult> run(
            StudyPlan plan,
            SegmentDataset train,
            SegmentDataset validation,
            DataTag data,
            Path outDir,
            RunListener listener) {
        checkCompatible(train, validation);
        List<RunResult> results = new ArrayList<>();
        for (FamilyPlan family : plan.families()) {
            Wav2Vec2Config architecture = architecture(family);
            InputSpec input = new InputSpec(
                    train.sampleRateHz(),
                    architecture.samplingRate(),
                    architecture.inChannels(),
                    architecture.inChannels() > 1 ? family.leadIndex() : 0,
                    train.segments()[0].length);
            for (PeftMethod method : plan.methods()) {
                RunResult best = null;
                for (StudyPlan.RunPoint point : plan.points(method)) {
                    RunDefinition run =
                            new RunDefinition(family, point, point.trainer(plan.trainer()), architecture, input, data);
                    listener.started(run.runId());
                    RunResult result = runOne(run, train, validation, outDir.resolve(run.runId()));
                    listener.finished(result);
                    results.add(result);
                    if (best == null || result.bestF1() > best.bestF1()) {
                        best = result;
                    }
                }
                LOG.info(
                        "{} x {}: best validation F1 {} with {} ({})",
                        family.family().key(),
                        method.key(),
                        String.format("%.4f", best.bestF1()),
                        best.hyperParamsJson(),
                        best.runId());
            }
        }
        return results;
    }

    /** Builds, trains and saves one run. */
    RunResult runOne(RunDefinition run, SegmentDataset train, SegmentDataset validation, Path runDir) {
        ArtifactManifest manifest = run.manifest();
        TrainerConfig trainer = run.trainer();
        LOG.info(
                "run {}: {} x {} {}",
                manifest.runId(),
                manifest.family().key(),
                manifest.peft().key(),
                manifest.hyperParams());
        manager.getEngine().setRandomSeed((int) trainer.seed());
        PeakMemory memory = PeakMemory.start(manager.getDevice());
        try (NDManager runManager = manager.newSubManager()) {
            PeftClassifier model = ModelFactory.build(
                    run.family().family(), run.family().base(), run.point().peft(), runManager, baseType);
            TrainingResult result = new Trainer(trainer, run.input().preparer())
                    .fit(model.trainable(), train, validation, runDir.resolve("training"), state -> true);
            long peak =
                    memory.peakBytes(PeakMemory.modelTensorBytes(model.totalParameters(), model.trainableParameters()));
            Artifacts.save(runDir, manifest, model);
            double stepMs = result.steps() == 0 ? Double.NaN : result.trainSeconds() * 1000 / result.steps();
            LOG.info(
                    "run {}: best validation F1 {} at epoch {}, {} trainable of {} parameters, {} s",
                    manifest.runId(),
                    String.format("%.4f", result.bestF1()),
                    result.bestEpoch(),
                    model.trainableParameters(),
                    model.totalParameters(),
                    String.format("%.1f", result.trainSeconds()));
            return new RunResult(
                    manifest.runId(),
                    manifest.family(),
                    manifest.peft(),
                    manifest.hyperParamsJson(),
                    model.trainableParameters(),
                    model.totalParameters(),
                    runDir,
                    result.trainSeconds(),
                    stepMs,
                    peak,
                    manifest.dataVersion(),
                    manifest.normMode(),
                    result.curves(),
                    result.bestEpoch(),
                    result.bestMetrics());
        } catch (IOException e) {
            throw new UncheckedIOException("run " + manifest.runId() + " failed writing or reading " + runDir, e);
        }
    }

    private static Wav2Vec2Config architecture(FamilyPlan family) {
        try {
            return ModelFactory.architecture(family.family(), family.base());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the " + family.family().key() + " base "
                            + family.base().checkpoint(),
                    e);
        }
    }

    private static void checkCompatible(SegmentDataset train, SegmentDataset validation) {
        if (train.sampleRateHz() != validation.sampleRateHz()
                || train.segments()[0].length != validation.segments()[0].length) {
            throw new IllegalArgumentException("train and validation segments differ: " + train.segments()[0].length
                    + " samples at " + train.sampleRateHz() + " Hz vs "
                    + validation.segments()[0].length + " at "
                    + validation.sampleRateHz() + " Hz");
        }
    }
}
