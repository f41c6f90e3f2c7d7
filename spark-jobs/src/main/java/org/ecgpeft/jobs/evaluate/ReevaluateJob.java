package org.ecgpeft.jobs.evaluate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
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
 * {@code reevaluate}, the scheduled batch: scores every registered run that has no metrics for the current
 * {@code ecg_records} version (the run's recipe on it, see {@link RunData}), or every run with {@code --all}.
 * A failing run does not stop the others; the job then fails naming the failed runs, leaving finished results
 * in place. Running it again with no new records evaluates nothing and commits nothing.
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
        opts.add(
                Opt.flag("all", "re-evaluate every registered run, also those already evaluated on this data version"));
        return new Options(
                name(),
                "Scheduled re-evaluation: evaluate every registered model without metrics "
                        + "for the current ecg_records version.",
                null,
                opts);
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
        long version = lake.version(Table.ECG_RECORDS);
        Set<List<String>> evaluated = config.all() ? Set.of() : evaluated(lake);
        List<EvaluationRun> due = new ArrayList<>();
        Map<String, String> unreadable = new LinkedHashMap<>();
        for (EvaluationRun run : registered) {
            try {
                if (!evaluated.contains(List.of(run.runId(), RunData.tag(lake, run, version)))) {
                    due.add(run);
                }
            } catch (IllegalArgumentException e) {
                // A run whose data version names no recipe cannot be scored; the others still are.
                LOG.error("{}", e.getMessage());
                unreadable.put(run.runId(), e.getMessage());
            }
        }
        LOG.info(
                "{} of {} registered run(s) need evaluation on ecg_records@v{}{}",
                due.size(),
                registered.size(),
                version,
                config.all() ? " (--all)" : "");
        BatchOutcome outcome = new RunEvaluator(spark, lake, loader, config.settings())
                .evaluateAll(due, EvaluationData.CURRENT, version);
        Map<String, String> failures = new LinkedHashMap<>(unreadable);
        failures.putAll(outcome.failures());
        return new BatchOutcome(outcome.finished(), failures);
    }

    /** The (run_id, data_version) pairs that already have metrics. */
    private static Set<List<String>> evaluated(Lake lake) {
        Set<List<String>> pairs = new HashSet<>();
        if (lake.exists(Table.ECG_METRICS)) {
            for (Row r : lake.read(Table.ECG_METRICS)
                    .select("run_id", "data_version")
                    .distinct()
                    .collectAsList()) {
                pairs.add(List.of(r.getString(0), r.getString(1)));
            }
        }
        return pairs;
    }
}
