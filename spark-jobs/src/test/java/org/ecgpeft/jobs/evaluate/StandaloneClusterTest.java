package org.ecgpeft.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.eval.MetricReport;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.train.study.SegmentClassifier;
import org.ecgpeft.train.study.SegmentClassifiers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real multi-process run: a Spark standalone master and two workers as separate JVMs on 127.0.0.1 (from the
 * Spark jars on the test classpath), the evaluation submitted to them from this JVM, and the results checked.
 * Skip with {@code -Decg.skipCluster=true} (or exclude the {@code cluster} tag).
 */
@Tag("cluster")
class StandaloneClusterTest {
    private static final long START_TIMEOUT_MS = 90_000;

    @TempDir
    Path tmp;

    private final List<Process> processes = new ArrayList<>();

    @Test
    void evaluationRunsOnTwoWorkerProcessesAndWritesTheTables() throws Exception {
        Assumptions.assumeFalse(Boolean.getBoolean("ecg.skipCluster"), "cluster test skipped (-Decg.skipCluster=true)");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> jvmOpts = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect"))
                .toList();
        Path sparkHome = Files.createDirectories(tmp.resolve("spark-home/jars"));
        SparkSession spark = null;
        try {
            int masterPort = freePort();
            start(
                    "master",
                    classpath,
                    jvmOpts,
                    sparkHome.getParent(),
                    List.of(
                            "org.apache.spark.deploy.master.Master",
                            "--host",
                            "127.0.0.1",
                            "--port",
                            Integer.toString(masterPort),
                            "--webui-port",
                            Integer.toString(freePort())));
            awaitPort(masterPort);
            String masterUrl = "spark://127.0.0.1:" + masterPort;
            for (int w = 1; w <= 2; w++) {
                Path work = Files.createDirectories(tmp.resolve("worker" + w));
                start(
                        "worker" + w,
                        classpath,
                        jvmOpts,
                        sparkHome.getParent(),
                        List.of(
                                "org.apache.spark.deploy.worker.Worker",
                                "--host",
                                "127.0.0.1",
                                "--webui-port",
                                Integer.toString(freePort()),
                                "--cores",
                                "1",
                                "--memory",
                                "1g",
                                "--work-dir",
                                work.toString(),
                                masterUrl));
            }
            SparkConf conf = new SparkConf()
                    .setMaster(masterUrl)
                    .setAppName("evaluate-on-standalone")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.ui.enabled", "false")
                    .set("spark.executor.cores", "1")
                    .set("spark.cores.max", "2")
                    .set("spark.executor.memory", "768m")
                    // Executors get this JVM's classpath (our classes, Spark, Delta, DJL) instead of a shipped jar.
                    .set("spark.executor.extraClassPath", classpath)
                    .set(
                            "spark.executor.extraJavaOptions",
                            String.join(" ", jvmOpts)
                                    + " -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1")
                    .set("spark.executorEnv.DJL_OFFLINE", "true")
                    .set("spark.executorEnv.OPT_OUT_TRACKING", "true")
                    .set("spark.sql.shuffle.partitions", "2")
                    .set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                    .set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
            spark = SparkSession.builder().config(conf).getOrCreate();
            awaitExecutors(spark, 2);
            Map<String, Integer> tasksByExecutor = new ConcurrentHashMap<>();
            spark.sparkContext().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                    tasksByExecutor.merge(end.taskInfo().executorId(), 1, Integer::sum);
                }
            });

            Lake lake = new Lake(spark, tmp.resolve("lake").toString());
            EvalFixtures.writeSegments(spark, lake, 0, 12, 4);
            String uri = EvalFixtures.saveArtifact(tmp.resolve("models"), "run-a", 1);
            EvalFixtures.registerRun(spark, lake, "run-a", uri, EvalFixtures.DATA_VERSION);
            BatchOutcome outcome = new EvaluateJob(new ArtifactLoader())
                    .evaluate(
                            spark,
                            new EvaluateConfig(
                                    lake.root(),
                                    List.of("run-a"),
                                    new EvaluateSettings(8, 0.5, 4, new ConflictRetry(3, 10))));
            assertEquals(Map.of(), outcome.failures());
            spark.sparkContext().listenerBus().waitUntilEmpty();

            Set<String> executors = tasksByExecutor.keySet();
            assertFalse(executors.isEmpty());
            assertFalse(executors.contains("driver"), "tasks ran on " + tasksByExecutor);
            assertEquals(2, executors.size(), "both workers' executors ran tasks: " + tasksByExecutor);

            List<Row> preds = lake.read(Table.ECG_PREDICTIONS)
                    .orderBy("record_id", "segment_idx")
                    .collectAsList();
            assertEquals(48, preds.size());
            assertEquals(
                    3 * 2 * MetricReport.NAMES.size(),
                    lake.read(Table.ECG_METRICS).count());
            List<Row> segs = lake.read(Table.ECG_SEGMENTS)
                    .orderBy("record_id", "segment_idx")
                    .collectAsList();
            float[][] x = new float[segs.size()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = Floats.of(segs.get(i), segs.get(i).fieldIndex("signal"));
            }
            try (NDManager m = NDManager.newBaseManager();
                    SegmentClassifier model = SegmentClassifiers.load(tmp.resolve("models/run-a"), m)) {
                double[] expected = model.predictProbabilities(x);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], preds.get(i).<Double>getAs("prob"), 1e-5, "prob of segment " + i);
                }
            }
        } catch (AssertionError | Exception e) {
            dumpLogs();
            throw e;
        } finally {
            if (spark != null) {
                spark.stop();
            }
            stopAll();
        }
    }

    private void start(String name, String classpath, List<String> jvmOpts, Path sparkHome, List<String> mainAndArgs)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx384m");
        cmd.addAll(jvmOpts);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        // The worker builds executor command lines from SPARK_HOME (an empty jars/ folder here: the classes come
        // from spark.executor.extraClassPath) and JAVA_HOME; everything binds to the loopback address.
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_LOCAL_HOSTNAME", "127.0.0.1");
        env.put("SPARK_NO_DAEMONIZE", "1");
        processes.add(pb.start());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitPort(int port) throws InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new AssertionError("master did not listen on 127.0.0.1:" + port + " within " + START_TIMEOUT_MS + " ms");
    }

    private static void awaitExecutors(SparkSession spark, int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        // getExecutorMemoryStatus counts the driver's block manager too.
        while (spark.sparkContext().getExecutorMemoryStatus().size() < n + 1) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("only "
                        + (spark.sparkContext().getExecutorMemoryStatus().size() - 1) + " of " + n
                        + " executors registered within " + START_TIMEOUT_MS + " ms");
            }
            Thread.sleep(250);
        }
    }

    /** Stops the workers' executors, then the workers and the master: only processes this test started. */
    private void stopAll() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
            }
        }
        processes.clear();
    }

    private void dumpLogs() {
        try (var logs = Files.walk(tmp)) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")
                            || p.getFileName().toString().equals("stderr"))
                    .toList()) {
                List<String> lines = Files.readAllLines(log);
                System.err.println("==== " + log + " (last 40 lines)");
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.err::println);
            }
        } catch (IOException e) {
            System.err.println("cannot read process logs: " + e.getMessage());
        }
    }
}
