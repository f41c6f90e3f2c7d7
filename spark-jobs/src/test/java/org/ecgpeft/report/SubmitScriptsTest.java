package org.ecgpeft.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the cluster scripts with bash: --dry-run commands, the GPU discovery script and the re-evaluation wrapper. */
class SubmitScriptsTest {

    private static final Path BASH = Path.of("/bin/bash");

    @TempDir
    Path tmp;

    private Path root;
    private Path libDir;
    private Path appJar;

    /** The result of one script run. */
    private record Run(int status, String out) {}

    @BeforeEach
    void setUp() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(BASH), "bash not available at /bin/bash");
        root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (!Files.exists(root.resolve("submit-scripts/submit-cluster.sh"))) {
            root = root.getParent();
            Assumptions.assumeTrue(root != null, "submit-scripts/ not found above " + System.getProperty("user.dir"));
        }
        libDir = Files.createDirectories(tmp.resolve("lib"));
        for (String jar : List.of(
                "spark-core_2.12-3.5.6.jar",
                "scala-library-2.12.18.jar",
                "hadoop-client-runtime-3.3.4.jar",
                "delta-spark_2.12-3.3.3.jar",
                "common-0.1.0-SNAPSHOT.jar",
                "pytorch-native-cpu-2.7.1-linux-x86_64.jar",
                "pytorch-engine-0.35.1.jar",
                "xchart-3.8.8.jar")) {
            Files.createFile(libDir.resolve(jar));
        }
        appJar = Files.createFile(tmp.resolve("spark-jobs-0.1.0-SNAPSHOT.jar"));
    }

    @Test
    void yarnDryRunCarriesGpuOpensDjlAndJarSettings() throws Exception {
        Run run = submit(
                "--mode",
                "yarn",
                "--libtorch",
                "/opt/libtorch-cu128/lib",
                "--executor-cores",
                "6",
                "--table-root",
                "hdfs:///ecg/tables",
                "--dry-run",
                "train",
                "--config",
                "conf/peft.json");
        assertEquals(0, run.status(), run.out());
        String cmd = unquote(run.out());

        assertTrue(
                cmd.startsWith("env TORCH_ALLOW_TF32_CUBLAS_OVERRIDE=1 DJL_OFFLINE=true OPT_OUT_TRACKING=true"),
                "client mode: the driver (spark-submit JVM) gets the DJL environment\n" + cmd);
        // DJL needs the flavor too: without it, it falls back to a CPU build and never loads CUDA.
        assertTrue(
                cmd.contains(" PYTORCH_LIBRARY_PATH=/opt/libtorch-cu128/lib PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128"
                        + " spark-submit --master yarn --deploy-mode client"),
                cmd);
        assertTrue(cmd.contains("--conf spark.driver.resource.gpu.amount=1 "), cmd);
        assertTrue(
                cmd.contains("--conf spark.driver.resource.gpu.discoveryScript="
                        + root.resolve("conf/cluster/getGpusResources.sh") + " "),
                cmd);
        assertTrue(cmd.contains("--files " + root.resolve("conf/cluster/getGpusResources.sh") + " "), cmd);
        assertTrue(cmd.contains("--conf spark.executorEnv.PYTORCH_LIBRARY_PATH=/opt/libtorch-cu128/lib "), cmd);
        assertTrue(cmd.contains("--conf spark.executorEnv.TORCH_ALLOW_TF32_CUBLAS_OVERRIDE=1 "), cmd);
        assertTrue(cmd.contains("--conf spark.executor.cores=6 "), cmd);
        String tunables = "GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824"
                + ":glibc.malloc.arena_max=1 ";
        assertTrue(cmd.contains(" DJL_CACHE_DIR=/tmp/djl-cache " + tunables), "the driver keeps freed memory\n" + cmd);
        assertTrue(cmd.contains("--conf spark.executorEnv." + tunables), "and so do the executors\n" + cmd);
        // The project's settings come as --conf, so the cluster's spark-defaults.conf still applies.
        assertFalse(cmd.contains("--properties-file"), cmd);
        assertTrue(
                cmd.contains("--class org.ecgpeft.jobs.Main --conf spark.sql.extensions="
                        + "io.delta.sql.DeltaSparkSessionExtension "),
                cmd);
        assertTrue(cmd.contains("--conf spark.executor.memory=16g "), cmd);

        String opens = String.join(" ", pomOpens());
        String djl = " -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=%d -Dai.djl.pytorch.num_interop_threads=1";
        assertTrue(cmd.contains("--conf spark.driver.extraJavaOptions=" + opens + String.format(djl, 8)), cmd);
        assertTrue(cmd.contains("--conf spark.executor.extraJavaOptions=" + opens + String.format(djl, 1)), cmd);

        Matcher jars = Pattern.compile("--jars (\\S+) ").matcher(cmd);
        assertTrue(jars.find(), cmd);
        List<String> shipped = Arrays.stream(jars.group(1).split(","))
                .map(p -> Path.of(p).getFileName().toString())
                .sorted()
                .toList();
        assertEquals(
                List.of(
                        "common-0.1.0-SNAPSHOT.jar",
                        "delta-spark_2.12-3.3.3.jar",
                        "pytorch-engine-0.35.1.jar",
                        "xchart-3.8.8.jar"),
                shipped,
                "Spark/Scala/Hadoop client and the CPU libtorch stay out");
        assertTrue(cmd.endsWith(appJar + " train --tables hdfs:///ecg/tables --config conf/peft.json"), cmd);
    }

    @Test
    void ecgAllocatorSystemLeavesMallocAtItsDefaults() throws Exception {
        List<String> command = submitCommand("--mode", "yarn", "--dry-run", "train");
        Run run = run(command, Map.of("ECG_ALLOCATOR", "system"));
        assertEquals(0, run.status(), run.out());
        assertFalse(run.out().contains("GLIBC_TUNABLES"), run.out());
        Run wrong = run(command, Map.of("ECG_ALLOCATOR", "jemalloc"));
        assertEquals(2, wrong.status(), wrong.out());
        assertTrue(wrong.out().contains("ECG_ALLOCATOR must be tuned or system"), wrong.out());
    }

    @Test
    void theClustersDefaultsStayAndConfJavaOptsAndDatabasePassThrough() throws Exception {
        Path sparkConf = Files.createDirectories(tmp.resolve("cluster-conf"));
        Files.writeString(
                sparkConf.resolve("spark-defaults.conf"),
                "spark.executor.memory   8g\nspark.driver.extraJavaOptions=-Dcluster.opt=1\n");
        List<String> command = submitCommand(
                "--mode",
                "standalone",
                "--master",
                "spark://h:7077",
                "--conf",
                "spark.eventLog.enabled=true",
                "--database",
                "lab",
                "--dry-run",
                "evaluate");
        Run run = run(command, Map.of("SPARK_CONF_DIR", sparkConf.toString(), "JAVA_OPTS", "-Dextra=2 -Xss4m"));
        assertEquals(0, run.status(), run.out());
        String cmd = unquote(run.out());
        assertFalse(cmd.contains("spark.executor.memory="), "the cluster sets it: not overridden\n" + cmd);
        assertTrue(cmd.contains("--conf spark.executor.memoryOverhead=6g "), "the cluster leaves it unset\n" + cmd);
        assertTrue(cmd.contains("--conf spark.driver.extraJavaOptions=-Dcluster.opt=1 --add-opens="), cmd);
        assertTrue(
                cmd.contains(" -Djava.awt.headless=true -Dextra=2 -Xss4m --conf spark.executor.extraJavaOptions="),
                "JAVA_OPTS reaches the driver only\n" + cmd);
        assertTrue(cmd.contains("--conf spark.eventLog.enabled=true --conf spark.ecg.database=lab "), cmd);

        Run missing = run(
                submitCommand(
                        "--mode",
                        "yarn",
                        "--spark-submit",
                        tmp.resolve("no-spark/bin/spark-submit").toString(),
                        "train"),
                Map.of());
        assertEquals(2, missing.status(), missing.out());
        assertTrue(missing.out().contains("spark-submit not found"), missing.out());
    }

    @Test
    void launcherDryRunsShipOnlyTheApplicationsJarsAndKeepTheClustersDefaults() throws Exception {
        // A copy of the launcher in a tree with a built layout: target/lib (the application's jars, Delta brings
        // scala-library) and target/spark-lib (provided scope).
        Path tree = tmp.resolve("tree");
        Path scripts = Files.createDirectories(tree.resolve("submit-scripts"));
        for (String name : List.of("ecg-pipeline", "spark-conf.sh")) {
            Files.copy(root.resolve("submit-scripts").resolve(name), scripts.resolve(name));
        }
        Files.copy(
                root.resolve("conf/spark-defaults.conf"),
                Files.createDirectories(tree.resolve("conf")).resolve("spark-defaults.conf"));
        Path target = Files.createDirectories(tree.resolve("spark-jobs/target"));
        Files.createFile(target.resolve("spark-jobs-0.1.0-SNAPSHOT.jar"));
        Path lib = Files.createDirectories(target.resolve("lib"));
        for (String jar :
                List.of("common-0.1.0-SNAPSHOT.jar", "delta-spark_2.12-3.3.3.jar", "scala-library-2.12.18.jar")) {
            Files.createFile(lib.resolve(jar));
        }
        Files.createFile(Files.createDirectories(target.resolve("spark-lib")).resolve("spark-core_2.12-3.5.6.jar"));
        Path sparkHome = Files.createDirectories(tmp.resolve("spark-home/conf"));
        Files.writeString(sparkHome.resolve("spark-defaults.conf"), "spark.driver.maxResultSize 8g\n");
        String launcher = scripts.resolve("ecg-pipeline").toString();

        Run remote = run(
                List.of(
                        BASH.toString(),
                        launcher,
                        "evaluate",
                        "--master",
                        "spark://h:7077",
                        "--run-id",
                        "r1",
                        "--conf",
                        "spark.eventLog.enabled=true",
                        "--database=lab",
                        "--dry-run"),
                Map.of("SPARK_HOME", sparkHome.getParent().toString(), "JAVA_OPTS", "-Dextra=2"));
        assertEquals(0, remote.status(), remote.out());
        String cmd = unquote(remote.out());
        assertTrue(
                cmd.startsWith(sparkHome.getParent().resolve("bin/spark-submit") + " --master spark://h:7077 "), cmd);
        assertFalse(cmd.contains("--properties-file") || cmd.contains("spark.driver.maxResultSize"), cmd);
        assertTrue(cmd.contains("--conf spark.sql.adaptive.enabled=true "), cmd);
        assertTrue(cmd.contains(" -Dextra=2 --conf spark.executor.extraJavaOptions="), cmd);
        assertTrue(cmd.contains("--conf spark.eventLog.enabled=true --conf spark.ecg.database=lab "), cmd);
        Matcher jars = Pattern.compile("--jars (\\S+) ").matcher(cmd);
        assertTrue(jars.find(), cmd);
        assertEquals(
                List.of("common-0.1.0-SNAPSHOT.jar", "delta-spark_2.12-3.3.3.jar"),
                Arrays.stream(jars.group(1).split(","))
                        .map(p -> Path.of(p).getFileName().toString())
                        .toList(),
                cmd);
        assertTrue(cmd.endsWith("spark-jobs-0.1.0-SNAPSHOT.jar evaluate --run-id r1"), cmd);

        Run local = run(
                List.of(BASH.toString(), launcher, "sql", "SELECT 1", "--conf", "spark.x=1", "--dry-run"),
                Map.of("JAVA_OPTS", "-Dextra=2"));
        assertEquals(0, local.status(), local.out());
        String java = unquote(local.out());
        assertTrue(java.contains(" -Dspark.x=1 -Dextra=2 -cp "), java);
        assertTrue(java.contains("/lib/*:" + target + "/spark-lib/*"), java);
        assertTrue(java.contains(" -XX:ArchiveClassesAtExit="), java);

        // JDK 17 crashes mapping archived classes under a flight recording's class-file hooks: no archive then.
        Run recorded = run(
                List.of(BASH.toString(), launcher, "sql", "SELECT 1", "--dry-run"),
                Map.of("JAVA_OPTS", "-XX:StartFlightRecording=filename=x.jfr"));
        assertEquals(0, recorded.status(), recorded.out());
        assertFalse(recorded.out().contains("Archive"), recorded.out());

        Run noSparkHome = run(List.of(BASH.toString(), launcher, "evaluate", "--master", "yarn"), Map.of());
        assertEquals(2, noSparkHome.status(), noSparkHome.out());
        assertTrue(noSparkHome.out().contains("--master yarn needs SPARK_HOME"), noSparkHome.out());
    }

    @Test
    void kubernetesClusterModeSendsTheEnvironmentToTheDriverPod() throws Exception {
        Run run = submit(
                "--mode",
                "k8s",
                "--master",
                "k8s://https://api:6443",
                "--k8s-image",
                "reg/ecg:1",
                "--remote-lib-dir",
                "/opt/ecg-peft/lib",
                "--executor-gpus",
                "1",
                "--executor-cores",
                "4",
                "--num-executors",
                "3",
                "--dry-run",
                "--",
                "features");
        assertEquals(0, run.status(), run.out());
        String cmd = unquote(run.out());
        assertTrue(cmd.startsWith("spark-submit --master k8s://https://api:6443 --deploy-mode cluster "), cmd);
        assertTrue(cmd.contains("--conf spark.kubernetes.driverEnv.TORCH_ALLOW_TF32_CUBLAS_OVERRIDE=1 "), cmd);
        assertTrue(cmd.contains("--conf spark.kubernetes.driverEnv.DJL_OFFLINE=true "), cmd);
        assertTrue(cmd.contains("--conf spark.driver.resource.gpu.vendor=nvidia.com "), cmd);
        assertTrue(cmd.contains("--conf spark.executor.resource.gpu.amount=1 "), cmd);
        assertTrue(cmd.contains("--conf spark.task.resource.gpu.amount=0.25 "), "4 tasks share a GPU\n" + cmd);
        assertTrue(cmd.contains("--conf spark.executor.instances=3 "), cmd);
        assertTrue(cmd.contains("--conf spark.kubernetes.container.image=reg/ecg:1 "), cmd);
        assertTrue(cmd.contains("local:///opt/ecg-peft/lib/delta-spark_2.12-3.3.3.jar"), cmd);
        assertTrue(cmd.endsWith("local:///opt/ecg-peft/lib/spark-jobs-0.1.0-SNAPSHOT.jar features"), cmd);
    }

    @Test
    void rejectsIncompleteOrInconsistentRequests() throws Exception {
        Run noMode = submit("--dry-run", "train");
        assertEquals(2, noMode.status());
        assertTrue(noMode.out().contains("--mode is required"), noMode.out());
        Run standaloneCluster = submit(
                "--mode", "standalone", "--master", "spark://h:7077", "--deploy-mode", "cluster", "--dry-run", "train");
        assertEquals(2, standaloneCluster.status());
        assertTrue(standaloneCluster.out().contains("client only"), standaloneCluster.out());
        Run badMemory = submit("--mode", "yarn", "--driver-memory", "lots", "--dry-run", "train");
        assertEquals(2, badMemory.status());
        assertTrue(badMemory.out().contains("--driver-memory"), badMemory.out());
        Run noJob = submit("--mode", "yarn", "--dry-run");
        assertEquals(2, noJob.status());
        assertTrue(noJob.out().contains("no job given"), noJob.out());
    }

    @Test
    void discoveryScriptPrintsTheGpusNvidiaSmiSees() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path smi = bin.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\nprintf '0\\n1\\n'\n");
        assertTrue(smi.toFile().setExecutable(true));
        Path script = root.resolve("conf/cluster/getGpusResources.sh");
        Run found = run(List.of(BASH.toString(), script.toString()), Map.of("PATH", bin.toString()));
        assertEquals(0, found.status(), found.out());
        assertEquals(
                "{\"name\": \"gpu\", \"addresses\": [\"0\", \"1\"]}",
                found.out().strip());
        Run missing = run(
                List.of(BASH.toString(), script.toString()),
                Map.of("PATH", Files.createDirectories(tmp.resolve("empty")).toString()));
        assertEquals(1, missing.status(), missing.out());
        assertTrue(missing.out().contains("nvidia-smi not found"), missing.out());
    }

    @Test
    void reevaluateLogsToADatedFileAndPassesTheJobStatusOn() throws Exception {
        Path launcher = tmp.resolve("ecg-pipeline");
        Files.writeString(launcher, "#!/bin/sh\necho \"launcher got: $*\"\nexit \"${FAKE_STATUS}\"\n");
        assertTrue(launcher.toFile().setExecutable(true));
        Path logs = tmp.resolve("logs");
        String script = root.resolve("submit-scripts/reevaluate.sh").toString();

        Run failed = run(
                List.of(BASH.toString(), script, "--log-dir", logs.toString(), "--", "--all"),
                Map.of("ECG_PIPELINE", launcher.toString(), "FAKE_STATUS", "3"));
        assertEquals(3, failed.status(), failed.out());
        List<Path> files;
        try (var listing = Files.list(logs)) {
            files = listing.filter(p -> p.getFileName().toString().matches("reevaluate-\\d{8}T\\d{6}Z\\.log"))
                    .toList();
        }
        assertEquals(1, files.size(), files.toString());
        String log = Files.readString(files.get(0));
        assertTrue(log.contains("launcher got: reevaluate --all"), log);
        assertTrue(log.contains("finished with exit status 3"), log);

        Run ok = run(
                List.of(BASH.toString(), script, "--log-dir", logs.toString()),
                Map.of("ECG_PIPELINE", launcher.toString(), "FAKE_STATUS", "0"));
        assertEquals(0, ok.status(), ok.out());
        assertTrue(ok.out().contains("launcher got: reevaluate\n"), ok.out());

        Run cluster = run(
                List.of(
                        BASH.toString(),
                        script,
                        "--log-dir",
                        logs.toString(),
                        "--cluster",
                        "--mode",
                        "yarn",
                        "--lib-dir",
                        libDir.toString(),
                        "--app-jar",
                        appJar.toString(),
                        "--dry-run"),
                Map.of());
        assertEquals(0, cluster.status(), cluster.out());
        assertTrue(unquote(cluster.out()).contains(appJar + " reevaluate"), cluster.out());
        Run wrong = run(List.of(BASH.toString(), script, "--mode", "yarn"), Map.of());
        assertEquals(2, wrong.status());
        assertFalse(wrong.out().contains("started"), wrong.out());
    }

    private Run submit(String... args) throws Exception {
        return run(submitCommand(args), Map.of());
    }

    /** The command line that runs submit-cluster.sh on the test's lib folder and app jar with {@code args}. */
    private List<String> submitCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(
                BASH.toString(),
                root.resolve("submit-scripts/submit-cluster.sh").toString(),
                "--lib-dir",
                libDir.toString(),
                "--app-jar",
                appJar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private Run run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().remove("SPARK_HOME");
        pb.environment().remove("SPARK_CONF_DIR");
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("ECG_LIBTORCH_DIR");
        pb.environment().remove("ECG_DJL_CACHE_DIR");
        pb.environment().remove("ECG_LOG_DIR");
        pb.environment().remove("ECG_ALLOCATOR");
        pb.environment().remove("GLIBC_TUNABLES");
        pb.environment().putAll(env);
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "script did not finish: " + command);
        return new Run(process.exitValue(), out);
    }

    /** The dry-run printout as one line of plain words: continuation lines joined, %q escapes undone. */
    private static String unquote(String dryRun) {
        return dryRun.replace(" \\\n    ", " ")
                .replace("\\ ", " ")
                .replace("\\,", ",")
                .replace("\\*", "*")
                .replace("\\[", "[")
                .replace("\\]", "]")
                .strip();
    }

    /** The opens list of the parent pom property {@code jvm.opens}, which the script must repeat exactly. */
    private List<String> pomOpens() throws IOException {
        Matcher m =
                Pattern.compile("<jvm.opens>([^<]+)</jvm.opens>").matcher(Files.readString(root.resolve("pom.xml")));
        assertTrue(m.find(), "jvm.opens property not found in the parent pom");
        return List.of(m.group(1).trim().split("\\s+"));
    }
}
