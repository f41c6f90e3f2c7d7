package org.ecgpeft.jobs.predict;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.jobs.TestData;
import org.ecgpeft.jobs.evaluate.ConflictRetry;
import org.ecgpeft.jobs.evaluate.EvalFixtures;
import org.ecgpeft.jobs.evaluate.EvaluateSettings;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.SparkSessions;
import org.ecgpeft.lake.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predict on unlabelled WFDB records and CSV rows with a tiny trained-format run. */
class PredictJobTest {
    private static SparkSession spark;
    private static Lake lake;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void lakeWithARun() throws Exception {
        spark = SparkSessions.local("predict-test", 2, 2);
        lake = new Lake(spark, tmp.resolve("lake").toString());
        EvalFixtures.writeSegments(spark, lake, 0, 6, 1);
        EvalFixtures.registerRun(
                spark,
                lake,
                "run-a",
                EvalFixtures.saveArtifact(tmp.resolve("models"), "run-a", 1),
                EvalFixtures.DATA_VERSION);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static PredictConfig config(Optional<String> wfdb, Optional<String> csv) {
        return new PredictConfig(
                lake.root(),
                Optional.of("run-a"),
                "f1",
                wfdb,
                csv,
                300,
                new EvaluateSettings(8, 0.5, 2, new ConflictRetry(3, 10)));
    }

    private static List<Row> predictions() {
        return lake.read(Table.ECG_PREDICTIONS)
                .filter(col("split")
                        .equalTo(PredictJob.SPLIT)
                        .and(col("record_id").startsWith("U")))
                .orderBy("record_id")
                .collectAsList();
    }

    @Test
    void aFolderWithoutReferenceCsvGetsOnePredictionPerRecordAndAReRunCommitsNothing() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("unlabelled"));
        // 1,500 samples: three 600-sample windows with the run's zero pad, averaged into one record prediction.
        for (int i = 0; i < 3; i++) {
            TestData.writeWfdb(folder, "U0" + i, TestData.signal(1500, 100 * i), 1500);
        }
        Files.writeString(folder.resolve("U09.hea"), "U09 1 300 10\nU09.mat 16+24 1000/mV 16 0 0 0 0 ECG\n");
        long n = new PredictJob().predict(spark, config(Optional.of(folder.toString()), Optional.empty()));
        assertEquals(3, n);
        List<Row> rows = predictions();
        assertEquals(
                List.of("U00", "U01", "U02"),
                rows.stream().map(r -> r.<String>getAs("record_id")).toList());
        for (Row r : rows) {
            assertEquals("run-a", r.getAs("run_id"));
            assertEquals(EvalFixtures.DATA_VERSION, r.getAs("data_version"));
            assertEquals(-1, (int) r.getAs("segment_idx"));
            assertTrue(r.isNullAt(r.fieldIndex("label")));
            double p = r.getAs("prob");
            assertTrue(p >= 0 && p <= 1);
            assertEquals(p >= 0.5 ? 1 : 0, (int) r.getAs("pred"));
        }
        assertEquals(
                1,
                lake.read(Table.ECG_REJECTS)
                        .filter(col("locator").contains("U09"))
                        .count(),
                "the record without data lands in ecg_rejects");
        long version = lake.version(Table.ECG_PREDICTIONS);
        new PredictJob().predict(spark, config(Optional.of(folder.toString()), Optional.empty()));
        assertEquals(version, lake.version(Table.ECG_PREDICTIONS));
    }

    @Test
    void labelledRecordsOfAFolderAndCsvRowsWithoutLabels() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("partly"));
        TestData.writeLabelledFolder(folder, 900, "L01,N\n", "L01", "L02");
        Path csv = tmp.resolve("rows.csv");
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < 2; row++) {
            for (int i = 0; i < 600; i++) {
                text.append(i == 0 ? "" : ",").append(Math.sin(i * 0.1 + row));
            }
            text.append('\n');
        }
        Files.writeString(csv, text);
        assertEquals(
                3,
                new PredictJob().predict(spark, config(Optional.of(folder.toString()), Optional.of(csv.toString()))));
        List<String> ids = lake.read(Table.ECG_PREDICTIONS)
                .filter(col("record_id").isin("L01", "L02", "rows:1", "rows:2"))
                .select("record_id")
                .orderBy("record_id")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();
        assertEquals(List.of("L02", "rows:1", "rows:2"), ids);
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> new PredictJob()
                                .predict(
                                        spark,
                                        new PredictConfig(
                                                lake.root(),
                                                Optional.of("nope"),
                                                "f1",
                                                Optional.of(folder.toString()),
                                                Optional.empty(),
                                                300,
                                                new EvaluateSettings(8, 0.5, 2, new ConflictRetry(3, 10)))))
                .getMessage()
                .contains("nope"));
    }
}
