package org.ecgpeft.jobs.bench;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.jobs.cli.Job;
import org.ecgpeft.jobs.evaluate.ArtifactLoader;
import org.ecgpeft.jobs.evaluate.BatchOutcome;
import org.ecgpeft.jobs.evaluate.ConflictRetry;
import org.ecgpeft.jobs.evaluate.EvaluateConfig;
import org.ecgpeft.jobs.evaluate.EvaluateJob;
import org.ecgpeft.jobs.evaluate.EvaluateSettings;
import org.ecgpeft.jobs.features.FeaturesConfig;
import org.ecgpeft.jobs.features.FeaturesJob;
import org.ecgpeft.jobs.features.FeaturesResult;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.lake.runs.RunRegistry;
import org.ecgpeft.train.AfClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench-model}: times the model stages on the executors, {@code features} and {@code evaluate} of an MS-CNN
 * run, as those jobs run on the given lake (a re-run commits nothing), beside the plain loop ({@link PlainInference})
 * over the run's windows with the same classifier and batch size. Each stage reports its whole time and its longest
 * Spark stage (the inference), so the executors' inference and the job around it compare with the loop apart. The
 * loop runs last: in local mode it shares the JVM, and so the libtorch thread settings the executors' tasks started
 * the engine with (one intra-op thread per task), and it uses one thread per core as the executors do.
 */
public final class ModelStageBenchmark implements Job<ModelBenchConfig> {
    private static final Logger LOG = LoggerFactory.getLogger(ModelStageBenchmark.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "bench-model";
    }

    @Override
    public Options options() {
        return new Options(
                name(),
                "Benchmark: features and evaluate of an MS-CNN run on the executors beside a plain inference loop.",
                null,
                List.of(
                        Opt.value("tables", "DIR", "./ecg-lake", "Delta table root with the run's segments"),
                        Opt.value("run-id", "RUN_ID", null, "MS-CNN run in ecg_models (default: the newest)"),
                        Opt.value("batch-size", "N", "64", "windows per inference batch"),
                        Opt.flag("json", "print the figures as one JSON object (the text summary goes to the log)")));
    }

    @Override
    public ModelBenchConfig configure(ParsedArgs a) {
        return new ModelBenchConfig(a.string("tables"), a.optional("run-id"), a.integer("batch-size"), a.flag("json"));
    }

    @Override
    public void run(SparkSession spark, ModelBenchConfig config) throws Exception {
        Lake lake = new Lake(spark, config.tablesRoot());
        Row run = FeaturesJob.encoderRun(new RunRegistry(spark, lake), config.runId());
        String runId = run.getAs("run_id");
        String checkpoint = run.getAs("checkpoint_uri");
        String dataVersion = run.getAs("data_version");
        int cores = spark.sparkContext().defaultParallelism();
        LongestStage stages = new LongestStage();
        spark.sparkContext().addSparkListener(stages);
        try {
            long t0 = System.nanoTime();
            FeaturesResult features = new FeaturesJob()
                    .extract(
                            spark,
                            new FeaturesConfig(
                                    config.tablesRoot(),
                                    Optional.of(runId),
                                    Optional.of(dataVersion),
                                    config.batchSize(),
                                    0));
            double featuresSeconds = seconds(t0);
            double featuresInference = stages.takeLongest();

            long t1 = System.nanoTime();
            BatchOutcome evaluated = new EvaluateJob()
                    .evaluate(
                            spark,
                            new EvaluateConfig(
                                    config.tablesRoot(),
                                    List.of(runId),
                                    new EvaluateSettings(config.batchSize(), 0.5, 0, new ConflictRetry(4, 200))));
            evaluated.requireAllSucceeded();
            double evaluateSeconds = seconds(t1);
            double evaluateInference = stages.takeLongest();
            long evaluateWindows = evaluated.finished().get(0).segments();

            long t2 = System.nanoTime();
            float[][] windows = windows(lake, dataVersion);
            double readSeconds = seconds(t2);
            PlainInference.Result plain;
            try (AfClassifier model =
                    new ArtifactLoader().load(checkpoint, spark.sparkContext().hadoopConfiguration())) {
                plain = PlainInference.run(model, windows, cores, config.batchSize());
            }
            double plainPerWindow = plain.seconds() / plain.windows();

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("run_id", runId);
            figures.put("data_version", dataVersion);
            figures.put("cores", cores);
            figures.put("batch_size", config.batchSize());
            figures.put("plain_windows", plain.windows());
            figures.put("plain_read_s", round(readSeconds));
            figures.put("plain_s", round(plain.seconds()));
            figures.put("plain_windows_per_s", Math.round(plain.windows() / plain.seconds()));
            figures.put("plain_mean_af_probability", round4(plain.meanAfProbability()));
            stage(figures, "features", features.windows(), featuresSeconds, featuresInference, plainPerWindow);
            stage(figures, "evaluate", evaluateWindows, evaluateSeconds, evaluateInference, plainPerWindow);
            String report = String.join(
                    "\n",
                    String.format(
                            "bench-model: run %s on %s, %d cores, batch %d",
                            runId, dataVersion, cores, config.batchSize()),
                    String.format(
                            "  plain loop (%d threads)      %6.1f s   %,8d windows/s (%,d windows; read into memory in %.1f s)",
                            cores,
                            plain.seconds(),
                            Math.round(plain.windows() / plain.seconds()),
                            plain.windows(),
                            readSeconds),
                    line("features", features.windows(), featuresSeconds, featuresInference, plainPerWindow),
                    line("evaluate", evaluateWindows, evaluateSeconds, evaluateInference, plainPerWindow));
            if (config.json()) {
                LOG.info("\n{}", report);
                System.out.println(JSON.writeValueAsString(figures));
            } else {
                System.out.println(report);
            }
        } finally {
            spark.sparkContext().removeSparkListener(stages);
        }
    }

    /** The run's windows (its data version's segments), decoded on the driver for the plain loop. */
    private static float[][] windows(Lake lake, String dataVersion) {
        List<float[]> out = new ArrayList<>();
        Iterator<Row> rows = lake.read(Table.ECG_SEGMENTS)
                .filter(col("data_version").equalTo(dataVersion))
                .select("signal")
                .toLocalIterator();
        while (rows.hasNext()) {
            out.add(Floats.fromSql(rows.next().get(0)));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("ecg_segments has no windows for data version " + dataVersion);
        }
        return out.toArray(float[][]::new);
    }

    /**
     * A stage's figures; {@code _vs_plain} is its time per window over the plain loop's (1 = as fast; the issue's
     * bound is 1.5).
     */
    private static void stage(
            Map<String, Object> figures,
            String name,
            long windows,
            double seconds,
            double inferenceSeconds,
            double plainPerWindow) {
        figures.put(name + "_windows", windows);
        figures.put(name + "_s", round(seconds));
        figures.put(name + "_inference_s", round(inferenceSeconds));
        figures.put(name + "_windows_per_s", Math.round(windows / seconds));
        figures.put(name + "_vs_plain", round(seconds / windows / plainPerWindow));
        figures.put(name + "_inference_vs_plain", round(inferenceSeconds / windows / plainPerWindow));
    }

    private static String line(
            String name, long windows, double seconds, double inferenceSeconds, double plainPerWindow) {
        return String.format(
                "  %-28s %6.1f s   %,8d windows/s (%,d windows; %.2fx the plain loop's time per window; inference"
                        + " stage %.1f s, %.2fx)",
                name,
                seconds,
                Math.round(windows / seconds),
                windows,
                seconds / windows / plainPerWindow,
                inferenceSeconds,
                inferenceSeconds / windows / plainPerWindow);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
