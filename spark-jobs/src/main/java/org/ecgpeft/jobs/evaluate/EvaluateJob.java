package org.ecgpeft.jobs.evaluate;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.jobs.cli.Job;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code evaluate}: scores one run (or every registered run) on the current {@code ecg_records}, prepared with
 * the run's own recipe, on the executors and MERGEs {@code ecg_predictions} and {@code ecg_metrics} (per split
 * and for the records new since the run's training data); {@code --data training} scores the records the run
 * trained on instead. Fails, after finishing the others, when any run failed.
 */
public final class EvaluateJob implements Job<EvaluateConfig> {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateJob.class);

    private final ClassifierLoader loader;

    /** The job loading the study's model artifacts. */
    public EvaluateJob() {
        this(new ArtifactLoader());
    }

    /** The job loading models with {@code loader}. */
    public EvaluateJob(ClassifierLoader loader) {
        this.loader = loader;
    }

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public Options options() {
        List<Opt> opts = new ArrayList<>(EvaluateOptions.common());
        opts.add(Opt.value("run-id", "ID[,ID...]", null, "runs to evaluate (default: every run in ecg_models)"));
        opts.add(Opt.value(
                "data",
                "WHICH",
                "current",
                "current: today's ecg_records with the run's recipe; training: "
                        + "the records version the run trained on (reproduces its training-time figures)"));
        return new Options(
                name(),
                "Score trained models on ecg_records (prepared with each run's recipe) on the "
                        + "executors; MERGE ecg_predictions and ecg_metrics.",
                null,
                opts);
    }

    @Override
    public EvaluateConfig configure(ParsedArgs a) {
        List<String> ids = a.optional("run-id").map(v -> List.of(v.split(","))).orElse(List.of());
        return new EvaluateConfig(
                a.string("tables"),
                ids.stream().map(String::strip).toList(),
                EvaluateOptions.settings(a),
                EvaluationData.parse(a.string("data")));
    }

    @Override
    public void run(SparkSession spark, EvaluateConfig config) {
        evaluate(spark, config).requireAllSucceeded();
    }

    /** Evaluates the configured runs and returns what finished and what failed. */
    public BatchOutcome evaluate(SparkSession spark, EvaluateConfig config) {
        Lake lake = new Lake(spark, config.tablesRoot());
        List<EvaluationRun> runs = ModelRegistry.runs(lake, config.runIds());
        long version = lake.version(Table.ECG_RECORDS);
        LOG.info(
                "evaluating {} run(s) on {} records (ecg_records@v{})",
                runs.size(),
                config.data().label(),
                version);
        return new RunEvaluator(spark, lake, loader, config.settings()).evaluateAll(runs, config.data(), version);
    }
}
