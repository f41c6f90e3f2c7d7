package org.ecgpeft.jobs.evaluate;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
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
 * {@code reevaluate}, the scheduled batch: evaluates every registered run that has no metrics for the current
 * data version ({@code ecg_segments}' Delta version), or every run with {@code --all}. A failing run does
 * not stop the others; the job then fails with the list of failed runs, leaving finished results in place.
 * Running it again right after a success evaluates nothing.
 */
public final class ReevaluateJob implements Job<ReevaluateConfig> {
  private static final Logger LOG = LoggerFactory.getLogger(ReevaluateJob.class);

  private final ClassifierLoader loader;

  /** The job loading the study's model artifacts. */
  public ReevaluateJob() {
    this(new ArtifactLoader());
  }

  /** The job loading models with {@code loader}. */
  public ReevaluateJob(ClassifierLoader loader) {
    this.loader = loader;
  }

  @Override
  public String name() {
    return "reevaluate";
  }

  @Override
  public Options options() {
    List<Opt> opts = new ArrayList<>(EvaluateOptions.common());
    opts.add(Opt.flag("all", "re-evaluate every registered run, also those already evaluated on this data version"));
    return new Options(name(), "Scheduled re-evaluation: evaluate every registered model without metrics "
        + "for the current data version.", null, opts);
  }

  @Override
  public ReevaluateConfig configure(ParsedArgs a) {
    return new ReevaluateConfig(a.string("tables"), a.flag("all"), EvaluateOptions.settings(a));
  }

  @Override
  public void run(SparkSession spark, ReevaluateConfig config) {
    reevaluate(spark, config).requireAllSucceeded();
  }

  /** Evaluates the runs that need it and returns what finished and what failed. */
  public BatchOutcome reevaluate(SparkSession spark, ReevaluateConfig config) {
    Lake lake = new Lake(spark, config.tablesRoot());
    List<EvaluationRun> registered = ModelRegistry.runs(lake, List.of());
    long version = lake.version(Table.ECG_SEGMENTS);
    String tag = RunEvaluator.dataTag(version);
    Set<String> evaluated = config.all() ? Set.of() : evaluatedRuns(lake, tag);
    List<EvaluationRun> due = registered.stream().filter(r -> !evaluated.contains(r.runId())).toList();
    LOG.info("{} of {} registered run(s) need evaluation on {}{}", due.size(), registered.size(), tag,
        config.all() ? " (--all)" : "");
    return new RunEvaluator(spark, lake, loader, config.settings()).evaluateAll(due, version);
  }

  private static Set<String> evaluatedRuns(Lake lake, String tag) {
    Set<String> ids = new HashSet<>();
    if (lake.exists(Table.ECG_METRICS)) {
      for (Row r : lake.read(Table.ECG_METRICS).filter(col("data_version").equalTo(tag))
          .select("run_id").distinct().collectAsList()) {
        ids.add(r.getString(0));
      }
    }
    return ids;
  }
}
