package org.ecgpeft.jobs.predict;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.jobs.cli.Job;
import org.ecgpeft.jobs.evaluate.ArtifactLoader;
import org.ecgpeft.jobs.evaluate.ClassifierLoader;
import org.ecgpeft.jobs.evaluate.ConflictRetry;
import org.ecgpeft.jobs.evaluate.EvaluateSettings;
import org.ecgpeft.jobs.evaluate.EvaluationRun;
import org.ecgpeft.jobs.evaluate.RunRecipe;
import org.ecgpeft.jobs.evaluate.SegmentPredictor;
import org.ecgpeft.jobs.ml.ModelTransformer;
import org.ecgpeft.jobs.preprocess.PreprocessConfig;
import org.ecgpeft.jobs.preprocess.SegmentWriter;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.lake.runs.RunRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code predict}: scores records that have no label (a WFDB folder's records missing from its REFERENCE.csv,
 * or all of them without one; a CSV of sample rows without a label column) with one run, prepared with the
 * run's own recipe, and MERGEs one record-level row per record into {@code ecg_predictions}: the mean window
 * probability, the class at the threshold, the run and its data version, split {@code unlabelled},
 * {@code segment_idx} -1, label null. Unreadable inputs and records at another sample rate than the run's
 * training records land in {@code ecg_rejects}.
 */
public final class PredictJob implements Job<PredictConfig> {
    /** The split value of predict's rows. */
    public static final String SPLIT = "unlabelled";

    private static final Logger LOG = LoggerFactory.getLogger(PredictJob.class);

    private final ClassifierLoader loader;

    /** The job loading the study's model artifacts. */
    public PredictJob() {
        this(new ArtifactLoader());
    }

    /** The job loading models with {@code loader}. */
    public PredictJob(ClassifierLoader loader) {
        this.loader = loader;
    }

    @Override
    public String name() {
        return "predict";
    }

    @Override
    public Options options() {
        return new Options(
                name(),
                "Score unlabelled records with a trained run; MERGE record-level rows into " + "ecg_predictions.",
                null,
                List.of(
                        Opt.value("tables", "DIR", "./ecg-lake", "Delta table root (local folder or Hadoop URI)"),
                        Opt.value("run-id", "ID", null, "the run to predict with (default: the best by --best-by)"),
                        Opt.value(
                                "best-by",
                                "METRIC",
                                "f1",
                                "without --run-id: the run with the highest test record-level METRIC"),
                        Opt.value(
                                "wfdb",
                                "DIR",
                                null,
                                "WFDB folder: records without a label in REFERENCE.csv (all without one)"),
                        Opt.value("csv", "FILE", null, "CSV of sample rows without a label column (needs --no-label)"),
                        Opt.flag("no-label", "the CSV has no label column"),
                        Opt.value("csv-rate", "HZ", "300", "sample rate of the CSV rows"),
                        Opt.value("batch-size", "N", "64", "windows per model call on an executor"),
                        Opt.value("threshold", "P", "0.5", "mean probability at or above which a record is AF"),
                        Opt.value(
                                "partitions",
                                "N",
                                "0",
                                "inference partitions (0: the cluster's default parallelism)")));
    }

    @Override
    public PredictConfig configure(ParsedArgs a) {
        if (a.optional("csv").isPresent() && !a.flag("no-label")) {
            throw new IllegalArgumentException(
                    "--csv: predict scores unlabelled rows; pass --no-label (a labelled CSV is "
                            + "ingested, then evaluated)");
        }
        return new PredictConfig(
                a.string("tables"),
                a.optional("run-id"),
                a.string("best-by"),
                a.optional("wfdb"),
                a.optional("csv"),
                a.real("csv-rate"),
                new EvaluateSettings(
                        a.integer("batch-size"),
                        a.real("threshold"),
                        a.integer("partitions"),
                        new ConflictRetry(8, 200)));
    }

    @Override
    public void run(SparkSession spark, PredictConfig config) throws IOException {
        predict(spark, config);
    }

    /** Scores the configured records; returns how many records got a prediction. */
    public long predict(SparkSession spark, PredictConfig config) throws IOException {
        Lake lake = new Lake(spark, config.tablesRoot());
        EvaluationRun run = RunChoice.choose(lake, config.runId(), config.bestBy());
        RunRecipe recipe = RunRecipe.of(lake, run);
        int partitions = config.settings().partitions() > 0
                ? config.settings().partitions()
                : spark.sparkContext().defaultParallelism();
        JavaRDD<Row> outcomes = null;
        if (config.wfdb().isPresent()) {
            outcomes = UnlabelledRecords.wfdb(spark, config.wfdb().get(), partitions);
        }
        if (config.csv().isPresent()) {
            JavaRDD<Row> csv = UnlabelledRecords.csv(spark, config.csv().get(), config.csvRate(), partitions);
            outcomes = outcomes == null ? csv : outcomes.union(csv);
        }
        Dataset<Row> read =
                spark.createDataFrame(outcomes, UnlabelledRecords.SCHEMA).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<Double> rates = lake.readVersion(Table.ECG_RECORDS, RunRegistry.recordsVersion(run.dataVersion()))
                    .select("sample_rate")
                    .distinct()
                    .as(Encoders.DOUBLE())
                    .collectAsList();
            Dataset<Row> wrongRate = read.filter(
                            col("reason").isNull().and(not(col("sample_rate").isin(rates.toArray()))))
                    .withColumn(
                            "reason",
                            lit("sampled at another rate than the records run " + run.runId() + " trained on " + rates
                                    + " Hz"));
            quarantine(spark, lake, read.filter(col("reason").isNotNull()).union(wrongRate));
            Dataset<Row> records = read.filter(
                            col("reason").isNull().and(col("sample_rate").isin(rates.toArray())))
                    .select(
                            col("record_id"),
                            lit(null).cast(DataTypes.StringType).as("label"),
                            lit(SPLIT).as("split"),
                            col("signal"));
            PreprocessConfig c = recipe.config();
            Dataset<Row> windows = SegmentWriter.segments(records, c, recipe.mean(), recipe.std(), run.dataVersion())
                    .select("record_id", "segment_idx", "signal");
            windows = ModelTransformer.inStableBatches(windows, partitions, "record_id", "segment_idx");
            double threshold = config.settings().threshold();
            Dataset<Row> byRecord = new SegmentPredictor()
                    .setLoader(loader.getClass())
                    .setCheckpoint(run.checkpointUri())
                    .setBatchSize(config.settings().batchSize())
                    .setThreshold(threshold)
                    .transform(windows)
                    .groupBy("record_id")
                    .agg(avg("prob").as("prob"))
                    .select(
                            lit(run.runId()).as("run_id"),
                            col("record_id"),
                            lit(-1).as("segment_idx"),
                            lit(SPLIT).as("split"),
                            col("prob"),
                            when(col("prob").geq(threshold), 1).otherwise(0).as("pred"),
                            lit(null).cast(DataTypes.IntegerType).as("label"),
                            lit(run.dataVersion()).as("data_version"))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                long n = byRecord.count();
                // The label is null on every row, so it is not compared (null never equals null in the anti-join).
                config.settings()
                        .retry()
                        .run(
                                "ecg_predictions of " + run.runId(),
                                () -> lake.upsert(Table.ECG_PREDICTIONS, byRecord, List.of("split", "prob", "pred")));
                LOG.info(
                        "run {} ({}): predicted {} unlabelled records, {} as AF",
                        run.runId(),
                        run.dataVersion(),
                        n,
                        byRecord.filter(col("pred").equalTo(1)).count());
                return n;
            } finally {
                byRecord.unpersist();
            }
        } finally {
            read.unpersist();
        }
    }

    private static void quarantine(SparkSession spark, Lake lake, Dataset<Row> rejects) {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        List<Row> rows = new ArrayList<>();
        for (Row r : rejects.collectAsList()) {
            LOG.warn("rejected {} ({}): {}", r.getString(0), r.getString(1), r.getString(4));
            rows.add(UnlabelledRecords.reject(r, now));
        }
        if (!rows.isEmpty()) {
            lake.upsert(
                    Table.ECG_REJECTS,
                    spark.createDataFrame(rows, Table.ECG_REJECTS.schema()),
                    List.of("raw_excerpt", "ingested_at"));
        }
    }
}
