package org.ecgpeft.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.lake.SparkSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench-ingest end to end on a tiny CSV: the JSON it prints, with repeated passes (no timing is asserted). */
class IngestBenchmarkTest {
    private static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSessions.local("bench-test", 2, 2);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void repeatedPassesEachLoadAFreshLakeAndReportTheirMedian() throws Exception {
        BenchConfig config = new BenchConfig(
                40,
                50,
                5,
                Optional.of(tmp.resolve("bench").toString()),
                0,
                3,
                0,
                true,
                Optional.empty(),
                Optional.empty(),
                2400,
                1200,
                3);
        JsonNode figures = new ObjectMapper().readTree(Printed.by(() -> new IngestBenchmark().run(spark, config)));

        assertEquals(40, figures.get("rows").asInt());
        assertEquals(40, figures.get("valid").asInt());
        assertEquals(40, figures.get("segments").asInt(), "one segment per CSV row");
        assertEquals(3, figures.get("repeat").asInt());
        double[] totals = new double[3];
        for (int i = 0; i < 3; i++) {
            totals[i] = figures.get("ingest_zscore_s_all").get(i).asDouble();
            assertTrue(
                    Files.isDirectory(tmp.resolve("bench/lake-" + (i + 1) + "/ecg_segments")),
                    "pass " + (i + 1) + " wrote its own lake");
        }
        Arrays.sort(totals);
        assertEquals(totals[1], figures.get("ingest_zscore_s").asDouble(), 0.011, "the median pass");
        assertTrue(figures.get("pandas_s").isNull(), "pandas was not asked for");
    }
}
