package org.ecgpeft.jobs.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.jobs.cli.Job;
import org.ecgpeft.jobs.ml.ModelTransformer;
import org.ecgpeft.jobs.mscnn.TrainMsCnnJob;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.lake.runs.RunRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code features}: runs a frozen MS-CNN from {@code ecg_models} over the {@code ecg_segments} of a data
 * version on the executors ({@link EcgFeatureTransformer}) and MERGEs the 1,024-d vectors into
 * {@code ecg_features}. The same pass stores the encoder's own AF probability per window in
 * {@code ecg_predictions} (run id = the encoder's), so the ECG-LLM can be compared with the encoder alone
 * on exactly these windows. A re-run over the same data changes nothing.
 */
public final class FeaturesJob implements Job<FeaturesConfig> {
    private static final Logger LOG = LoggerFactory.getLogger(FeaturesJob.class);

    @Override
    public String name() {
        return "features";
    }

    @Override
    public Options options() {
        return new Options(
                name(),
                "Encode ecg_segments with a frozen MS-CNN on the executors into ecg_features.",
                null,
                List.of(
                        Opt.value("tables", "DIR", "./ecg-lake", "Delta table root (local folder or Hadoop URI)"),
                        Opt.value(
                                "encoder", "RUN_ID", null, "MS-CNN run in ecg_models (default: the newest mscnn run)"),
                        Opt.value(
                                "data-version", "V", null, "segments to encode (default: the encoder's training data)"),
                        Opt.value("batch-size", "N", "64", "windows per inference batch"),
                        Opt.value("partitions", "N", "0", "repartition the windows into N partitions (0: as read)")));
    }

    @Override
    public FeaturesConfig configure(ParsedArgs a) {
        return new FeaturesConfig(
                a.string("tables"),
                a.optional("encoder"),
                a.optional("data-version"),
                a.integer("batch-size"),
                a.integer("partitions"));
    }

    @Override
    public void run(SparkSession spark, FeaturesConfig config) {
        extract(spark, config);
    }

    /** Encodes the segments and returns what was written. */
    public FeaturesResult extract(SparkSession spark, FeaturesConfig config) {
        Lake lake = new Lake(spark, config.tablesRoot());
        Row encoder = encoderRun(new RunRegistry(spark, lake), config.encoderRun());
        String runId = encoder.getAs("run_id");
        String checkpoint = encoder.getAs("checkpoint_uri");
        String dataVersion = config.dataVersion().orElse(encoder.getAs("data_version"));
        Dataset<Row> segments = lake.read(Table.ECG_SEGMENTS)
                .filter(col("data_version").equalTo(dataVersion))
                .select("record_id", "segment_idx", "split", "label", "signal", "data_version");
        if (config.partitions() > 0) {
            segments = ModelTransformer.inStableBatches(segments, config.partitions(), "record_id", "segment_idx");
        }
        EcgFeatureTransformer transformer = new EcgFeatureTransformer()
                .setCheckpoint(checkpoint)
                .setInputCol("signal")
                .setOutputCol("features")
                .setProbabilityCol("prob")
                .setBatchSize(config.batchSize());
        // Both tables come from one inference pass.
        Dataset<Row> encoded = transformer.transform(segments).drop("signal").persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long start = System.nanoTime();
            long windows = encoded.count();
            if (windows == 0) {
                throw new IllegalStateException("ecg_segments has no rows for data version '" + dataVersion + "' (have "
                        + lake.read(Table.ECG_SEGMENTS)
                                .select("data_version")
                                .distinct()
                                .as(org.apache.spark.sql.Encoders.STRING())
                                .collectAsList()
                        + ")");
            }
            LOG.info(
                    "encoded {} windows of {} with {} in {} s",
                    windows,
                    dataVersion,
                    runId,
                    String.format("%.1f", (System.nanoTime() - start) / 1e9));
            long changed = lake.upsert(
                    Table.ECG_FEATURES,
                    encoded.withColumn("encoder", lit(runId)),
                    List.of("split", "label", "features"));
            lake.upsert(
                    Table.ECG_PREDICTIONS,
                    encoded.withColumn("run_id", lit(runId))
                            .withColumn("pred", col("prob").geq(0.5).cast("int")),
                    List.of("split", "prob", "pred", "label"));
            return new FeaturesResult(runId, dataVersion, windows, changed);
        } finally {
            encoded.unpersist();
        }
    }

    /** The requested encoder run, or the newest MS-CNN run, from {@code ecg_models}. */
    public static Row encoderRun(RunRegistry runs, Optional<String> runId) {
        return runs.find(TrainMsCnnJob.FAMILY, runId, "--encoder", "train-mscnn");
    }
}
