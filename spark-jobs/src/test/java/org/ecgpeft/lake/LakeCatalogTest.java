package org.ecgpeft.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lake's tables by their catalog names, in a real local session with the in-memory catalog. */
class LakeCatalogTest {
    private static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSessions.local("lake-catalog-test", 2, 2);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @AfterEach
    void defaultDatabase() {
        spark.conf().unset(CatalogRegistry.CONF);
    }

    @Test
    void writtenTablesAreNamedByDatabaseAndStillReadByPath() {
        Lake lake = new Lake(spark, tmp.resolve("named").toString());
        lake.append(Table.ECG_METRICS, metrics("run-a", 0.78));
        assertEquals("ecg.ecg_metrics", lake.catalogName(Table.ECG_METRICS));
        assertEquals(
                0.78,
                spark.sql("SELECT value FROM ecg.ecg_metrics WHERE run_id = 'run-a'")
                        .head()
                        .getDouble(0));
        assertEquals(1, lake.read(Table.ECG_METRICS).count());
        // The catalog entry is the Delta table itself: a later append through the path shows under the name.
        lake.append(Table.ECG_METRICS, metrics("run-b", 0.81));
        assertEquals(2, spark.sql("SELECT * FROM ecg.ecg_metrics").count());
    }

    @Test
    void anotherLakeTakesTheNamesOverWithoutTouchingTheFirstOnesData() {
        Lake first = new Lake(spark, tmp.resolve("first").toString());
        first.append(Table.ECG_METRICS, metrics("first", 0.5));
        Lake second = new Lake(spark, tmp.resolve("second").toString());
        second.append(Table.ECG_METRICS, metrics("second", 0.6));
        assertEquals(
                "second", spark.sql("SELECT run_id FROM ecg.ecg_metrics").head().getString(0));
        // Re-pointing dropped only the catalog entry: the first lake's table is intact and its SQL views
        // (what the sql and notebook jobs call at their start) name it again.
        assertEquals(List.of("ecg_metrics"), first.registerViews());
        assertEquals(
                "first", spark.sql("SELECT run_id FROM ecg.ecg_metrics").head().getString(0));
        assertEquals(1, second.read(Table.ECG_METRICS).count());
    }

    /**
     * The race CI once lost: writers of one application creating the same table at once, each in a lake that
     * must also re-point the catalog entry (another root registered it before). Every writer must return with
     * the table created and named; before the fix about half the rounds failed in Delta or the catalog.
     */
    @Test
    void writersCreatingOneTableAtOnceAllSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 12; round++) {
                Lake lake = new Lake(spark, tmp.resolve("race-" + round).toString());
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < 3; w++) {
                    writers.add(pool.submit(() -> {
                        go.await();
                        lake.createIfAbsent(Table.ECG_PREDICTIONS);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> writer : writers) {
                    writer.get(2, TimeUnit.MINUTES);
                }
                assertTrue(lake.exists(Table.ECG_PREDICTIONS), "round " + round);
                assertEquals(0, spark.sql("SELECT * FROM ecg.ecg_predictions").count(), "round " + round);
                assertTrue(
                        spark.sql("DESCRIBE DETAIL ecg.ecg_predictions")
                                .head()
                                .getAs("location")
                                .toString()
                                .endsWith("race-" + round + "/ecg_predictions"),
                        "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTableCreatedInTheBackgroundIsWrittenAndNamedAsOneCreatedInPlace() {
        Lake lake = new Lake(spark, tmp.resolve("background").toString());
        lake.createInBackground(Table.ECG_METRICS, Table.ECG_REJECTS);
        // Another call on the table waits for the creation: the table is never seen half made.
        assertTrue(lake.exists(Table.ECG_REJECTS));
        assertEquals(0, lake.read(Table.ECG_REJECTS).count());
        assertTrue(lake.createIfAbsent(Table.ECG_REJECTS), "the answer of the background creation");
        assertFalse(lake.createIfAbsent(Table.ECG_REJECTS), "a later call finds the table");
        lake.append(Table.ECG_METRICS, metrics("bg", 0.7));
        assertEquals(
                0.7,
                spark.sql("SELECT value FROM ecg.ecg_metrics WHERE run_id = 'bg'")
                        .head()
                        .getDouble(0));
        // Started again for an existing table, it finds the table and leaves its rows alone.
        Lake again = new Lake(spark, lake.root());
        again.createInBackground(Table.ECG_METRICS);
        assertFalse(again.createIfAbsent(Table.ECG_METRICS));
        assertEquals(1, again.read(Table.ECG_METRICS).count());
    }

    @Test
    void aBackgroundCreationsFailureReachesTheCallerThatNeedsTheTable() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        Lake lake = new Lake(spark, file.resolve("lake").toString());
        lake.createInBackground(Table.ECG_METRICS);
        RuntimeException e = assertThrows(RuntimeException.class, () -> lake.createIfAbsent(Table.ECG_METRICS));
        assertTrue(
                String.valueOf(e.getMessage()).contains("not-a-folder")
                        || String.valueOf(e.getCause()).contains("not-a-folder"),
                String.valueOf(e));
    }

    @Test
    void theDatabaseComesFromTheSessionSetting() {
        spark.conf().set(CatalogRegistry.CONF, "ecg_other");
        Lake lake = new Lake(spark, tmp.resolve("other").toString());
        lake.createIfAbsent(Table.ECG_REJECTS);
        assertEquals("ecg_other.ecg_rejects", lake.catalogName(Table.ECG_REJECTS));
        assertEquals(0, spark.sql("SELECT * FROM ecg_other.ecg_rejects").count());
        assertTrue(spark.catalog().tableExists("ecg_other", "ecg_rejects"));

        spark.conf().set(CatalogRegistry.CONF, "bad-name");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new Lake(spark, tmp.resolve("bad").toString()));
        assertTrue(e.getMessage().contains("spark.ecg.database = 'bad-name'"), e.getMessage());
    }

    private static Dataset<Row> metrics(String run, double value) {
        return spark.createDataFrame(
                List.of(RowFactory.create(run, "test", "segment", "f1", value, "dv1", new Timestamp(0))),
                Table.ECG_METRICS.schema());
    }
}
