package org.ecgpeft.jobs.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.jobs.cli.Job;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.runs.CheckpointStore;
import org.ecgpeft.lake.runs.RunRegistry;
import org.ecgpeft.lake.runs.TrainedRun;
import org.ecgpeft.train.BaseDtype;
import org.ecgpeft.train.SegmentDataset;
import org.ecgpeft.train.study.DataTag;
import org.ecgpeft.train.study.RunListener;
import org.ecgpeft.train.study.RunResult;
import org.ecgpeft.train.study.StudyPlan;
import org.ecgpeft.train.study.StudyProgress;
import org.ecgpeft.train.study.StudyRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code train}: runs a PEFT study on the driver (its GPU when DJL sees one) over the train and validation
 * splits of {@code ecg_segments}, writes each run's artifact under {@code <tables>/checkpoints/<run_id>} and
 * its rows to {@code ecg_models} and {@code ecg_training_curves} through the run registry. Run ids are
 * deterministic and rows are replaced on them, so a re-run neither duplicates rows nor retrains finished epochs.
 */
public final class TrainJob implements Job<TrainConfig> {
    private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

    @Override
    public String name() {
        return "train";
    }

    @Override
    public Options options() {
        return new Options(
                name(),
                "Train the PEFT study (families x methods x grid) on the driver.",
                null,
                List.of(
                        Opt.value("tables", "DIR", "./ecg-lake", "Delta table root (local folder or Hadoop URI)"),
                        Opt.value(
                                "plan",
                                "FILE",
                                "conf/peft-study.json",
                                "study plan (families, methods, norm modes, grid)"),
                        Opt.value(
                                "norm", "MODES", null, "comma-separated norm modes to train on (default: the plan's)"),
                        Opt.value(
                                "data-version",
                                "V",
                                null,
                                "ecg_segments data version (default: the newest per norm mode)"),
                        Opt.value("sample-rate", "HZ", "300", "sampling rate of the segments"),
                        Opt.value(
                                "max-segments",
                                "N",
                                "0",
                                "use at most N segments per split, a fixed sample of N/2 per label (0: all)"),
                        Opt.value("checkpoints", "DIR", null, "artifact root (default: <tables>/checkpoints)"),
                        Opt.value(
                                "dtype",
                                "fp32|fp16",
                                "fp32",
                                "frozen base weights (fp16 on a GPU driver; PEFT weights stay fp32)")));
    }

    @Override
    public TrainConfig configure(ParsedArgs a) {
        Path planFile = Path.of(a.string("plan"));
        StudyPlan plan;
        try {
            plan = StudyPlan.read(planFile);
        } catch (IOException e) {
            throw new IllegalArgumentException("--plan: " + e.getMessage(), e);
        }
        List<String> norms = a.optional("norm")
                .map(s -> Arrays.stream(s.split(",")).map(String::trim).toList())
                .orElse(plan.normModes());
        String tables = a.string("tables");
        return new TrainConfig(
                tables,
                planFile,
                plan,
                norms,
                a.optional("data-version"),
                a.real("sample-rate"),
                a.integer("max-segments"),
                a.optional("checkpoints").orElse(stripSlash(tables) + "/checkpoints"),
                BaseDtype.parse(a.string("dtype")));
    }

    @Override
    public void run(SparkSession spark, TrainConfig config) throws IOException {
        train(spark, config);
    }

    /** Trains every run of the plan for each norm mode and records them; returns the runs. */
    public List<RunResult> train(SparkSession spark, TrainConfig config) throws IOException {
        Lake lake = new Lake(spark, config.tablesRoot());
        SegmentSplits splits = new SegmentSplits(lake);
        RunRegistry registry = new RunRegistry(spark, lake);
        CheckpointStore store = new CheckpointStore(
                config.checkpointRoot(), spark.sparkContext().hadoopConfiguration());
        Device device = Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        LOG.info("training on {} with plan {}", device, config.planFile());
        List<RunResult> all = new ArrayList<>();
        StudyProgress progress =
                new StudyProgress(config.plan().runCount() * config.normModes().size(), System::nanoTime);
        // Each run's rows land as soon as it ends: a study stopped after run k keeps runs 1..k in the tables.
        RunListener recorder = new RunListener() {
            @Override
            public void finished(RunResult result) {
                try {
                    record(registry, store, result);
                } catch (IOException e) {
                    throw new UncheckedIOException("run " + result.runId() + ": cannot publish its artifact", e);
                }
            }
        };
        try (NDManager manager = NDManager.newBaseManager(device)) {
            StudyRunner runner = new StudyRunner(manager, config.baseDtype());
            for (String norm : config.normModes()) {
                String dataVersion = splits.dataVersion(norm, config.dataVersion());
                SegmentDataset train =
                        splits.read(dataVersion, norm, "train", config.sampleRateHz(), config.maxSegments());
                SegmentDataset val = splits.read(dataVersion, norm, "val", config.sampleRateHz(), config.maxSegments());
                LOG.info(
                        "{} ({}): {} training segments {}, {} validation segments {}",
                        dataVersion,
                        norm,
                        train.size(),
                        Arrays.toString(train.classCounts()),
                        val.size(),
                        Arrays.toString(val.classCounts()));
                all.addAll(runner.run(
                        config.plan(),
                        train,
                        val,
                        new DataTag(norm, dataVersion),
                        store.workDir(),
                        recorder.andThen(progress)));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        all.forEach(r -> LOG.info("{}", summary(r)));
        return all;
    }

    /** Publishes one finished run's artifact and records its {@code ecg_models} row and curve points. */
    private static void record(RunRegistry registry, CheckpointStore store, RunResult run) throws IOException {
        registry.register(new TrainedRun(
                run.runId(),
                run.family().key(),
                run.peft().key(),
                run.hyperParamsJson(),
                run.trainableParams(),
                run.totalParams(),
                store.publish(run.runId()),
                run.trainSeconds(),
                run.peakMemoryBytes(),
                run.dataVersion()));
        registry.writeCurves(run.runId(), run.curves());
    }

    /** A run's best metrics, for the job's summary log. */
    private static String summary(RunResult r) {
        return String.format(
                "%s: F1 %.4f, AUROC %.4f, %d/%d trainable, %.1f s",
                r.runId(),
                r.bestF1(),
                r.bestMetrics().getOrDefault("auroc", Double.NaN),
                r.trainableParams(),
                r.totalParams(),
                r.trainSeconds());
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
