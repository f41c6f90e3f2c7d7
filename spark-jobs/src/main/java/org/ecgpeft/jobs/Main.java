package org.ecgpeft.jobs;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.cli.UsageException;
import org.ecgpeft.cli.UserErrors;
import org.ecgpeft.jobs.bench.IngestBenchmark;
import org.ecgpeft.jobs.bench.ModelStageBenchmark;
import org.ecgpeft.jobs.cli.Job;
import org.ecgpeft.jobs.evaluate.EvaluateJob;
import org.ecgpeft.jobs.evaluate.ReevaluateJob;
import org.ecgpeft.jobs.features.FeaturesJob;
import org.ecgpeft.jobs.ingest.IngestJob;
import org.ecgpeft.jobs.llm.AnswerLlmJob;
import org.ecgpeft.jobs.llm.TrainLlmJob;
import org.ecgpeft.jobs.maintain.MaintainJob;
import org.ecgpeft.jobs.mscnn.TrainMsCnnJob;
import org.ecgpeft.jobs.predict.PredictJob;
import org.ecgpeft.jobs.preprocess.PreprocessJob;
import org.ecgpeft.jobs.report.ReportJob;
import org.ecgpeft.jobs.sql.NotebookJob;
import org.ecgpeft.jobs.sql.SqlJob;
import org.ecgpeft.jobs.train.TrainJob;
import org.ecgpeft.lake.SparkSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point {@code <job> [options] [--verbose]}: validates the job's options, starts a Spark session (Delta
 * configured, progress logging on) and runs the job. Exit codes: 0 ok, 1 job failed, 2 bad command line. A
 * bad command line or a user error while running (a missing file or table, bad input, nothing to work on; see
 * {@link UserErrors}) prints one line {@code error: ...}; {@code --verbose} adds the stack trace. Any other
 * failure is logged with its stack trace.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    private static final double PROGRESS_INTERVAL_SECONDS = 10;
    private static final String VERBOSE = "--verbose";
    /** Jobs renamed since a release, so an old command line gets the new name instead of the job list. */
    private static final Map<String, String> RENAMED = Map.of("train-encoder", "train-mscnn");

    private final Map<String, Job<?>> jobs = new LinkedHashMap<>();
    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, SparkSession> sessions;

    /** A dispatcher over the given jobs, printing help and errors to {@code out}/{@code err}. */
    public Main(List<Job<?>> jobs, PrintStream out, PrintStream err) {
        this(jobs, out, err, SparkSessions::fromConf);
    }

    /** As above, with the sessions jobs run in made by {@code sessions} (from the application name). */
    Main(List<Job<?>> jobs, PrintStream out, PrintStream err, Function<String, SparkSession> sessions) {
        for (Job<?> j : jobs) {
            this.jobs.put(j.name(), j);
        }
        this.out = out;
        this.err = err;
        this.sessions = sessions;
    }

    /** Runs {@code args[0]} with the remaining arguments and exits with its status. */
    public static void main(String[] args) {
        System.exit(new Main(defaultJobs(), System.out, System.err).run(args));
    }

    /** Every job of the pipeline. */
    public static List<Job<?>> defaultJobs() {
        return List.of(
                new IngestJob(),
                new PreprocessJob(),
                new TrainJob(),
                new TrainMsCnnJob(),
                new FeaturesJob(),
                new TrainLlmJob(),
                new AnswerLlmJob(),
                new EvaluateJob(),
                new ReevaluateJob(),
                new PredictJob(),
                new ReportJob(),
                new SqlJob(System.out),
                new NotebookJob(System.out),
                new MaintainJob(),
                new IngestBenchmark(),
                new ModelStageBenchmark());
    }

    /** Dispatches to a job; returns the exit status. */
    public int run(String[] args) {
        boolean verbose = Arrays.asList(args).contains(VERBOSE);
        String[] rest = Arrays.stream(args).filter(a -> !a.equals(VERBOSE)).toArray(String[]::new);
        if (rest.length == 0 || rest[0].equals("--help") || rest[0].equals("-h")) {
            (rest.length == 0 ? err : out).print(jobList());
            return rest.length == 0 ? 2 : 0;
        }
        Job<?> job = jobs.get(rest[0]);
        if (job == null && RENAMED.containsKey(rest[0])) {
            err.println("error: the job '" + rest[0] + "' is now called '" + RENAMED.get(rest[0]) + "'");
            return 2;
        }
        if (job == null) {
            err.print("error: unknown job '" + rest[0] + "'\n" + jobList());
            return 2;
        }
        return runJob(job, Arrays.copyOfRange(rest, 1, rest.length), verbose);
    }

    private <C> int runJob(Job<C> job, String[] args, boolean verbose) {
        Optional<C> parsed;
        try {
            parsed = job.parse(args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            printTrace(e, verbose);
            return 2;
        }
        if (parsed.isEmpty()) {
            out.print(job.options().usage());
            return 0;
        }
        C config = parsed.get();
        SparkSession spark = sessions.apply("ecg-" + job.name());
        spark.sparkContext().addSparkListener(new ProgressListener(PROGRESS_INTERVAL_SECONDS));
        long start = System.nanoTime();
        try {
            job.run(spark, config);
            LOG.info("job {} finished in {} s", job.name(), String.format("%.1f", (System.nanoTime() - start) / 1e9));
            return 0;
        } catch (Exception e) {
            Optional<String> userError = UserErrors.message(e, AnalysisException.class);
            if (userError.isPresent()) {
                err.println("error: " + job.name() + ": " + userError.get());
                printTrace(e, verbose);
            } else {
                LOG.error("job {} failed: {}", job.name(), e.getMessage(), e);
            }
            return 1;
        } finally {
            spark.stop();
        }
    }

    private void printTrace(Exception e, boolean verbose) {
        if (verbose) {
            e.printStackTrace(err);
        }
    }

    private String jobList() {
        StringBuilder sb =
                new StringBuilder("usage: ecg-pipeline <job> [options] [--verbose]   (<job> --help for its options;"
                        + " --verbose prints the stack trace of an error)\n\njobs:\n");
        for (Job<?> j : jobs.values()) {
            sb.append(String.format("  %-14s %s%n", j.name(), j.options().summary()));
        }
        return sb.toString();
    }
}
