package org.ecgpeft.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.eval.MetricReport;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.lake.runs.RunRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/** Scheduled re-evaluation, concurrent evaluations and an executor task failure, on {@code local[2,3]}. */
class ReevaluateAndFaultsTest {
    private static final int SEGMENTS = 12 * 4;
    private static final int METRICS = 3 * 2 * MetricReport.NAMES.size();
    private static SparkSession spark;
    private static String uriA;
    private static String uriB;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        // local[2,3]: two threads, and a failed task is retried up to 3 times, as on a cluster.
        SparkConf conf = new SparkConf()
                .setMaster("local[2,3]")
                .setAppName("reevaluate-test")
                .set("spark.sql.shuffle.partitions", "2")
                .set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .set("spark.databricks.delta.snapshotPartitions", "2")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false");
        spark = SparkSession.builder().config(conf).getOrCreate();
        uriA = EvalFixtures.saveArtifact(tmp.resolve("models"), "run-a", 1);
        uriB = EvalFixtures.saveArtifact(tmp.resolve("models"), "run-b", 2);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static EvaluateSettings settings() {
        return new EvaluateSettings(8, 0.5, 3, new ConflictRetry(10, 20));
    }

    private static Lake lakeWithRuns(String name, boolean withBrokenRun) {
        Lake lake = new Lake(spark, tmp.resolve(name).toString());
        EvalFixtures.writeSegments(spark, lake, 0, 12, 4);
        EvalFixtures.registerRun(spark, lake, "run-a", uriA, EvalFixtures.DATA_VERSION);
        EvalFixtures.registerRun(spark, lake, "run-b", uriB, EvalFixtures.DATA_VERSION);
        if (withBrokenRun) {
            EvalFixtures.registerRun(
                    spark, lake, "run-c", tmp.resolve("models/missing").toUri().toString(), EvalFixtures.DATA_VERSION);
        }
        return lake;
    }

    private static long count(Lake lake, Table t, String where) {
        return lake.read(t).filter(where).count();
    }

    @Test
    void reevaluateContinuesPastAFailingRunAndIsIdempotentPerDataVersion() {
        Lake lake = lakeWithRuns("reeval", true);
        ReevaluateJob job = new ReevaluateJob(new ArtifactLoader());
        ReevaluateConfig config = new ReevaluateConfig(lake.root(), false, settings());
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> job.run(spark, config));
        assertTrue(
                failure.getMessage().contains("1 of 3 runs failed")
                        && failure.getMessage().contains("run-c: ")
                        && failure.getMessage().contains("artifact.json missing"),
                failure.getMessage());
        String tag1 = EvalFixtures.DATA_VERSION;
        for (String run : List.of("run-a", "run-b")) {
            assertEquals(SEGMENTS, count(lake, Table.ECG_PREDICTIONS, "run_id = '" + run + "'"));
            assertEquals(
                    METRICS,
                    count(lake, Table.ECG_METRICS, "run_id = '" + run + "' AND data_version = '" + tag1 + "'"));
        }

        // Again on the same data: only the failed run is due; nothing is rewritten.
        long metricsVersion = lake.version(Table.ECG_METRICS);
        BatchOutcome again = job.reevaluate(spark, config);
        assertEquals(List.of(), again.finished());
        assertEquals(List.of("run-c"), List.copyOf(again.failures().keySet()));
        assertEquals(metricsVersion, lake.version(Table.ECG_METRICS));

        // New records (three N records, one window each): every run is due on the new records version, with
        // metrics for the new-since-training group too (AUROC and AUPRC undefined there: one class).
        EvalFixtures.addRecords(spark, lake, 12, 3, 1);
        String tag2 = "records@v2/" + EvalFixtures.RECIPE + "/per-segment";
        BatchOutcome onNew = job.reevaluate(spark, config);
        assertEquals(
                List.of("run-a", "run-b"),
                onNew.finished().stream().map(EvaluationResult::runId).toList());
        assertEquals(
                2 * (METRICS + 2 * (MetricReport.NAMES.size() - 2)),
                count(lake, Table.ECG_METRICS, "data_version = '" + tag2 + "'"));
        assertEquals(
                2,
                count(
                        lake,
                        Table.ECG_METRICS,
                        "data_version = '" + tag2 + "' AND split = '" + RunRegistry.NEW_SINCE_TRAINING
                                + "' AND level = 'record' AND metric = 'n' AND value = 3"));
        assertEquals(2 * METRICS, count(lake, Table.ECG_METRICS, "data_version = '" + tag1 + "'"), "history is kept");

        // --all re-evaluates evaluated runs too, and identical results commit nothing.
        long before = lake.version(Table.ECG_METRICS);
        BatchOutcome all = new ReevaluateJob(new ArtifactLoader())
                .reevaluate(spark, new ReevaluateConfig(lake.root(), true, settings()));
        assertEquals(2, all.finished().size());
        assertEquals(before, lake.version(Table.ECG_METRICS));
    }

    @Test
    void twoEvaluationsStartedTogetherBothLandWithoutLostOrDuplicatedRows() throws Exception {
        Lake lake = lakeWithRuns("concurrent", false);
        String tag = EvalFixtures.DATA_VERSION;
        // Stale rows of both runs in one file: each evaluation must MERGE (rewrite that file), so the two
        // transactions really conflict and one of them has to retry.
        Timestamp t = new Timestamp(0);
        List<Row> stale = new ArrayList<>();
        for (String run : List.of("run-a", "run-b")) {
            stale.add(RowFactory.create(run, "test", "segment", "f1", -1.0, tag, t));
        }
        lake.append(
                Table.ECG_METRICS,
                spark.createDataFrame(stale, Table.ECG_METRICS.schema()).coalesce(1));
        // Both first metric MERGEs start together (from the same table version), so one of them must lose the race
        // and be retried; the observer counts what really happened.
        CyclicBarrier firstMetricWrites = new CyclicBarrier(2);
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        ConflictRetry.Observer observer = new ConflictRetry.Observer() {
            @Override
            public void attempting(String what, int attempt) {
                if (attempt > 1) {
                    retries.incrementAndGet();
                } else if (what.startsWith("ecg_metrics of ")) {
                    try {
                        firstMetricWrites.await(2, TimeUnit.MINUTES);
                    } catch (Exception e) {
                        throw new IllegalStateException("the other evaluation never reached its metrics write", e);
                    }
                }
            }

            @Override
            public void conflicted(String what, int attempt, ConcurrentModificationException conflict) {
                conflicts.incrementAndGet();
            }
        };
        EvaluateSettings observed = new EvaluateSettings(8, 0.5, 3, new ConflictRetry(10, 20, observer));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<BatchOutcome>> futures = new ArrayList<>();
            for (String run : List.of("run-a", "run-b")) {
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        return new EvaluateJob(new ArtifactLoader())
                                .evaluate(spark, new EvaluateConfig(lake.root(), List.of(run), observed));
                    } catch (RuntimeException | Error e) {
                        // The other evaluation must not wait minutes at the barrier for this one.
                        firstMetricWrites.reset();
                        throw e;
                    }
                }));
            }
            go.countDown();
            // Every evaluation's outcome, so the failure shows the cause and not only its echo in the other one.
            List<String> problems = new ArrayList<>();
            for (Future<BatchOutcome> f : futures) {
                try {
                    Map<String, String> failures = f.get(5, TimeUnit.MINUTES).failures();
                    if (!failures.isEmpty()) {
                        problems.add(failures.toString());
                    }
                } catch (ExecutionException e) {
                    StringWriter trace = new StringWriter();
                    e.getCause().printStackTrace(new PrintWriter(trace));
                    problems.add(trace.toString());
                }
            }
            assertEquals(List.of(), problems);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(conflicts.get() >= 1, "no write conflict happened, so the test proved nothing");
        assertEquals(conflicts.get(), retries.get(), "every conflict was retried (and the retries succeeded)");
        for (String run : List.of("run-a", "run-b")) {
            String where = "run_id = '" + run + "'";
            assertEquals(SEGMENTS, count(lake, Table.ECG_PREDICTIONS, where));
            assertEquals(
                    SEGMENTS,
                    lake.read(Table.ECG_PREDICTIONS)
                            .filter(where)
                            .select("record_id", "segment_idx")
                            .distinct()
                            .count());
            assertEquals(METRICS, count(lake, Table.ECG_METRICS, where));
            assertEquals(0, count(lake, Table.ECG_METRICS, where + " AND value < 0"), "stale value replaced");
        }
    }

    @Test
    void anExecutorTaskFailureCostsARetryNotResults() throws Exception {
        Lake lake = lakeWithRuns("fault", false);
        AtomicInteger failedTasks = new AtomicInteger();
        SparkListener listener = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (!end.taskInfo().successful()) {
                    failedTasks.incrementAndGet();
                }
            }
        };
        spark.sparkContext().addSparkListener(listener);
        try {
            String faultyUri = EvalFixtures.saveArtifact(tmp.resolve("faulty"), "run-a", 1);
            EvalFixtures.registerRun(spark, lake, "run-a", faultyUri, EvalFixtures.DATA_VERSION);
            BatchOutcome outcome = new EvaluateJob(new FailFirstAttemptLoader())
                    .evaluate(spark, new EvaluateConfig(lake.root(), List.of("run-a"), settings()));
            assertEquals(Map.of(), outcome.failures());
            spark.sparkContext().listenerBus().waitUntilEmpty();
            assertTrue(failedTasks.get() >= 1, "the injected failure must have happened");
            assertEquals(SEGMENTS, count(lake, Table.ECG_PREDICTIONS, "run_id = 'run-a'"));
            assertEquals(METRICS, count(lake, Table.ECG_METRICS, "run_id = 'run-a'"));
            // The same weights (a copy of the folder, so not the cached faulty handle) give the same predictions.
            Path copy = tmp.resolve("faulty-copy");
            try (var files = Files.walk(tmp.resolve("faulty"))) {
                for (Path f : files.toList()) {
                    Files.copy(
                            f, copy.resolve(tmp.resolve("faulty").relativize(f).toString()));
                }
            }
            new RunEvaluator(spark, lake, new ArtifactLoader(), settings())
                    .evaluate(
                            new EvaluationRun(
                                    "run-a-clean",
                                    copy.resolve("run-a").toUri().toString(),
                                    EvalFixtures.DATA_VERSION,
                                    "hubert"),
                            lake.version(Table.ECG_RECORDS));
            Row diff = lake.read(Table.ECG_PREDICTIONS)
                    .filter("run_id = 'run-a'")
                    .alias("f")
                    .join(
                            lake.read(Table.ECG_PREDICTIONS)
                                    .filter("run_id = 'run-a-clean'")
                                    .alias("c"),
                            JavaConverters.asScalaBuffer(List.of("record_id", "segment_idx"))
                                    .toSeq())
                    .selectExpr("count(*)", "max(abs(f.prob - c.prob))")
                    .head();
            assertEquals(SEGMENTS, diff.getLong(0));
            assertTrue(diff.getDouble(1) < 1e-6, "max prob difference " + diff.getDouble(1));
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
    }
}
