package org.ecgpeft.jobs.mscnn;

import static org.apache.spark.sql.functions.col;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.jobs.cli.Job;
import org.ecgpeft.jobs.preprocess.NormMode;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.lake.runs.CheckpointStore;
import org.ecgpeft.lake.runs.RunRegistry;
import org.ecgpeft.lake.runs.TrainedRun;
import org.ecgpeft.model.mscnn.MsCnn;
import org.ecgpeft.model.mscnn.MsCnnConfig;
import org.ecgpeft.train.mscnn.AfRecord;
import org.ecgpeft.train.mscnn.EncoderEvaluator;
import org.ecgpeft.train.mscnn.EvaluationWindows;
import org.ecgpeft.train.mscnn.MsCnnOptions;
import org.ecgpeft.train.mscnn.MsCnnTraining;
import org.ecgpeft.train.mscnn.MsCnnTrainingConfig;
import org.ecgpeft.train.mscnn.SplitEvaluation;
import org.ecgpeft.train.study.PeakMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code train-mscnn}: trains the MS-CNN on the driver (its GPU when present) with the one training routine
 * of the standalone command ({@link MsCnnTraining#fit}): a fresh random crop of every whole training record
 * per epoch (the records behind the data version's train split, read from {@code ecg_records} at the version
 * the segments were made from), early stopping on the validation windows' AF F1, the best epoch (BatchNorm
 * statistics included) kept as a checkpoint under {@code <table root>/checkpoints/<run id>}. The best model
 * is then evaluated on the preprocessed validation and test windows (segment level, and record level from
 * the mean AF probability of a record's windows; preprocess with a stride of half a window for overlapping
 * windows), and the run is registered in {@code ecg_models}, {@code ecg_training_curves} and
 * {@code ecg_metrics}. The split is the preprocess job's record-level split, so no record leaks across splits.
 */
public final class TrainMsCnnJob implements Job<TrainMsCnnConfig> {
    /** The {@code ecg_models.family} of MS-CNN encoder runs. */
    public static final String FAMILY = "mscnn";

    private static final Logger LOG = LoggerFactory.getLogger(TrainMsCnnJob.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "train-mscnn";
    }

    @Override
    public Options options() {
        List<Opt> opts = new ArrayList<>(List.of(
                Opt.value("tables", "DIR", "./ecg-lake", "Delta table root (local folder or Hadoop URI)"),
                Opt.value(
                        "data-version",
                        "V",
                        null,
                        "segments to train on (default: the only one with 2,400-sample windows)")));
        opts.addAll(MsCnnOptions.model());
        opts.addAll(MsCnnOptions.training());
        opts.add(Opt.value("sample-rate", "HZ", "300", "sample rate of the segments"));
        return new Options(
                name(), "Train the MS-CNN encoder on ecg_segments (driver) and register it in ecg_models.", null, opts);
    }

    @Override
    public TrainMsCnnConfig configure(ParsedArgs a) {
        MsCnnConfig model = MsCnnOptions.model(a);
        return new TrainMsCnnConfig(
                a.string("tables"),
                a.optional("data-version"),
                a.string("preset"),
                new MsCnnTrainingConfig(
                        model,
                        a.real("sample-rate"),
                        a.integer("epochs", 1),
                        a.integer("batch-size", 1),
                        a.real("lr"),
                        a.real("weight-decay"),
                        0.05,
                        MsCnnOptions.balance(a),
                        a.integer("patience", 0),
                        model.inputLength(),
                        128,
                        false,
                        a.longValue("seed"),
                        20));
    }

    @Override
    public void run(SparkSession spark, TrainMsCnnConfig config) throws IOException {
        train(spark, config);
    }

    /** Trains, evaluates and registers the encoder. */
    public TrainMsCnnResult train(SparkSession spark, TrainMsCnnConfig config) throws IOException {
        MsCnnTrainingConfig settings = config.training();
        Lake lake = new Lake(spark, config.tablesRoot());
        String dataVersion = SegmentVersions.resolve(
                lake, config.dataVersion(), settings.model().inputLength());
        Dataset<Row> segments =
                lake.read(Table.ECG_SEGMENTS).filter(col("data_version").equalTo(dataVersion));
        requirePerSegment(segments, dataVersion);
        List<AfRecord> train = SplitRecords.collect(lake, segments, dataVersion, "train", settings.sampleRateHz());
        LOG.info(
                "{} train: {} records ({} AF) for random crops",
                dataVersion,
                train.size(),
                train.stream().filter(r -> r.label() == 1).count());
        Map<String, EvaluationWindows> windows = new LinkedHashMap<>();
        for (String split : List.of("val", "test")) {
            windows.put(split, SegmentWindows.collect(segments, split, settings.sampleRateHz()));
            LOG.info(
                    "{} {}: {} windows, class counts {}",
                    dataVersion,
                    split,
                    windows.get(split).size(),
                    Arrays.toString(windows.get(split).data().classCounts()));
        }
        String hyperParams = hyperParams(config);
        String runId = RunRegistry.runId(FAMILY, dataVersion, hyperParams);
        RunRegistry registry = new RunRegistry(spark, lake);
        CheckpointStore checkpoints = registry.checkpoints();
        Path staged = checkpoints.stagingDir(runId);

        try (NDManager manager = NDManager.newBaseManager()) {
            LOG.info("training MS-CNN {} as run {}", config.preset(), runId);
            MsCnnTraining.Fitted fitted =
                    new MsCnnTraining(settings).fit(train, windows.get("val").data(), staged, manager);
            String location = checkpoints.publish(runId);

            EncoderEvaluator evaluator = new EncoderEvaluator(settings.evalBatchSize());
            Map<String, SplitEvaluation> evaluations = new LinkedHashMap<>();
            windows.forEach((split, w) -> evaluations.put(split, evaluator.evaluate(fitted.trainable(), w)));
            MsCnn model = fitted.model();
            registry.register(new TrainedRun(
                    runId,
                    FAMILY,
                    "none",
                    hyperParams,
                    model.countParameters(true),
                    model.countParameters(false),
                    location,
                    fitted.training().trainSeconds(),
                    PeakMemory.residentPeakBytes().orElse(null),
                    dataVersion));
            registry.writeCurves(runId, fitted.training().curves());
            List<RunRegistry.MetricSet> metrics = new ArrayList<>();
            evaluations.forEach((split, e) -> {
                metrics.add(new RunRegistry.MetricSet(
                        runId, split, "segment", e.segment().asMap()));
                metrics.add(new RunRegistry.MetricSet(
                        runId, split, "record", e.record().asMap()));
                LOG.info(
                        "{} {}: segment accuracy {} F1 {} AUROC {} AUPRC {}; record accuracy {} F1 {} AUROC {} AUPRC {}",
                        runId,
                        split,
                        fmt(e.segment().accuracy()),
                        fmt(e.segment().f1()),
                        fmt(e.segment().auroc()),
                        fmt(e.segment().auprc()),
                        fmt(e.record().accuracy()),
                        fmt(e.record().f1()),
                        fmt(e.record().auroc()),
                        fmt(e.record().auprc()));
            });
            registry.writeMetrics(dataVersion, metrics);
            return new TrainMsCnnResult(runId, dataVersion, location, fitted.training(), evaluations);
        }
    }

    /** Training crops are z-scored on their own, so the evaluation windows must be too. */
    private static void requirePerSegment(Dataset<Row> segments, String dataVersion) {
        List<String> modes =
                segments.select("norm_mode").distinct().as(Encoders.STRING()).collectAsList();
        if (!modes.equals(List.of(NormMode.PER_SEGMENT.label()))) {
            throw new IllegalArgumentException("train-mscnn needs per-segment z-scored windows (its random crops are "
                    + "z-scored on their own), but " + dataVersion + " has norm modes " + modes
                    + ": preprocess with --norm per-segment");
        }
    }

    /** The run's settings as JSON: what makes two runs the same run. */
    static String hyperParams(TrainMsCnnConfig config) {
        MsCnnTrainingConfig t = config.training();
        ObjectNode n = JSON.createObjectNode();
        n.put("preset", config.preset());
        n.set("model", JSON.valueToTree(t.model()));
        n.put("epochs", t.epochs());
        n.put("batch_size", t.batchSize());
        n.put("learning_rate", t.learningRate());
        n.put("weight_decay", t.weightDecay());
        n.put("warmup_ratio", t.warmupRatio());
        n.put("balance", t.balance().name().toLowerCase(java.util.Locale.ROOT));
        n.put("patience", t.patience());
        n.put("sample_rate", t.sampleRateHz());
        n.put("seed", t.seed());
        return n.toString();
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }
}
