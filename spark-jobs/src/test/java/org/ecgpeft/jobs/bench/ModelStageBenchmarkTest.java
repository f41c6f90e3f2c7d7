package org.ecgpeft.jobs.bench;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.jobs.mscnn.SyntheticMsCnnRun;
import org.ecgpeft.jobs.mscnn.TrainMsCnnResult;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.SparkSessions;
import org.ecgpeft.lake.Table;
import org.ecgpeft.model.mscnn.MsCnnConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench-model end to end on a tiny lake with an MS-CNN run trained on synthetic records: the JSON it prints, and
 * that the plain loop scored the windows the executors scored (no timing is asserted).
 */
class ModelStageBenchmarkTest {
    private static final MsCnnConfig TINY = new MsCnnConfig(2400, 3, 5, List.of(8, 16), List.of(1, 1), 16, 0.3f, 2);

    private static SparkSession spark;
    private static String root;
    private static String runId;
    private static String dataVersion;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void trainRun() throws Exception {
        spark = SparkSessions.local("bench-model-test", 2, 2);
        root = tmp.resolve("lake").toString();
        TrainMsCnnResult run = SyntheticMsCnnRun.train(spark, root, 30, TINY, 1);
        runId = run.runId();
        dataVersion = run.dataVersion();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void featuresEvaluateAndThePlainLoopScoreTheRunsWindows() throws Exception {
        JsonNode figures = new ObjectMapper()
                .readTree(Printed.by(() ->
                        new ModelStageBenchmark().run(spark, new ModelBenchConfig(root, Optional.empty(), 8, true))));

        Lake lake = new Lake(spark, root);
        long windows = lake.read(Table.ECG_SEGMENTS)
                .filter(col("data_version").equalTo(dataVersion))
                .count();
        assertEquals(runId, figures.get("run_id").asText(), "the newest MS-CNN run");
        assertEquals(dataVersion, figures.get("data_version").asText());
        for (String stage : List.of("plain", "features", "evaluate")) {
            assertEquals(windows, figures.get(stage + "_windows").asLong(), stage);
        }
        for (String stage : List.of("features", "evaluate")) {
            double seconds = figures.get(stage + "_s").asDouble();
            double inference = figures.get(stage + "_inference_s").asDouble();
            assertTrue(inference > 0 && inference <= seconds, stage + ": inference " + inference + " of " + seconds);
            assertTrue(figures.get(stage + "_vs_plain").asDouble() > 0, stage);
        }
        // The plain loop's probabilities are the ones evaluate stored for the same windows.
        double stored = lake.read(Table.ECG_PREDICTIONS)
                .filter(col("run_id").equalTo(runId).and(col("data_version").equalTo(dataVersion)))
                .agg(avg("prob"))
                .head()
                .getDouble(0);
        assertEquals(stored, figures.get("plain_mean_af_probability").asDouble(), 1e-4);
    }
}
