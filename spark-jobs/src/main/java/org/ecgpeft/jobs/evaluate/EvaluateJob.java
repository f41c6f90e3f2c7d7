package org.ecgpeft.jobs.evaluate;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.jobs.Job;
import org.ecgpeft.jobs.cli.Opt;
import org.ecgpeft.jobs.cli.Options;
import org.ecgpeft.jobs.cli.ParsedArgs;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code evaluate}: predicts the current {@code ecg_segments} with one run's model (or every registered
 * run's) on the executors and MERGEs {@code ecg_predictions} and {@code ecg_metrics}. Fails, after finishing
 * the others, when any run failed.
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
    return new Options(name(), "Predict ecg_segments with trained models on the executors; MERGE "
        + "ecg_predictions and ecg_metrics.", null, opts);
  }

  @Override
  public EvaluateConfig configure(ParsedArgs a) {
    List<String> ids = a.optional("run-id").map(v -> List.of(v.split(","))).orElse(List.of());
    return new EvaluateConfig(a.string("tables"), ids.stream().map(String::strip).toList(),
        EvaluateOptions.settings(a));
  }

  @Override
  public void run(SparkSession spark, EvaluateConfig config) {
    evaluate(spark, config).requireAllSucceeded();
  }

  /** Evaluates the configured runs and returns what finished and what failed. */
  public BatchOutcome evaluate(SparkSession spark, EvaluateConfig config) {
    Lake lake = new Lake(spark, config.tablesRoot());
    List<EvaluationRun> runs = ModelRegistry.runs(lake, config.runIds());
    long version = lake.version(Table.ECG_SEGMENTS);
    LOG.info("evaluating {} run(s) on {}", runs.size(), RunEvaluator.dataTag(version));
    return new RunEvaluator(spark, lake, loader, config.settings()).evaluateAll(runs, version);
  }
}
