package org.ecgpeft.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first write into a table that does not exist yet: one commit that creates the table holding the rows, a table
 * like one {@link Lake#createIfAbsent} makes, its constraints checked, and writers racing to create it storing each
 * key once.
 */
class FirstCommitTest {
    private static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSessions.local("first-commit-test", 2, 2);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aFirstInsertCreatesTheTableHoldingItsRowsInOneCommitAsCreateIfAbsentWould() {
        Lake created = new Lake(spark, tmp.resolve("created").toString());
        created.createIfAbsent(Table.ECG_RECORDS);
        Lake written = new Lake(spark, tmp.resolve("written").toString());
        written.insertOnly(Table.ECG_RECORDS, records("r", 7, "csv"));

        assertEquals(0, written.version(Table.ECG_RECORDS), "one commit");
        assertEquals(7, written.read(Table.ECG_RECORDS).count());
        assertEquals(
                "CREATE TABLE AS SELECT",
                written.history(Table.ECG_RECORDS).select("operation").head().getString(0));
        assertEquals(schema(created, Table.ECG_RECORDS), schema(written, Table.ECG_RECORDS), "NOT NULL kept");
        for (String column : List.of("partitionColumns", "properties", "minReaderVersion", "minWriterVersion")) {
            assertEquals(
                    detail(created, Table.ECG_RECORDS, column), detail(written, Table.ECG_RECORDS, column), column);
        }
        assertEquals(7, spark.sql("SELECT * FROM ecg.ecg_records").count(), "named in the catalog");
        // Written again, the table exists: the rows' keys are there, so the insert-only MERGE commits nothing.
        written.insertOnly(Table.ECG_RECORDS, records("r", 7, "csv"));
        assertEquals(0, written.version(Table.ECG_RECORDS));
    }

    @Test
    void aFirstReplaceCreatesThePartitionedTableAndLaterOnesReplace() {
        Lake lake = new Lake(spark, tmp.resolve("segments").toString());
        lake.replaceWhere(Table.ECG_SEGMENTS, segments("v1", 5), "data_version = 'v1'");
        Lake created = new Lake(spark, tmp.resolve("segments-created").toString());
        created.createIfAbsent(Table.ECG_SEGMENTS);
        assertEquals(0, lake.version(Table.ECG_SEGMENTS));
        assertEquals(schema(created, Table.ECG_SEGMENTS), schema(lake, Table.ECG_SEGMENTS));
        assertEquals(
                detail(created, Table.ECG_SEGMENTS, "partitionColumns"),
                detail(lake, Table.ECG_SEGMENTS, "partitionColumns"));
        assertEquals(detail(created, Table.ECG_SEGMENTS, "properties"), detail(lake, Table.ECG_SEGMENTS, "properties"));

        lake.replaceWhere(Table.ECG_SEGMENTS, segments("v1", 3), "data_version = 'v1'");
        lake.replaceWhere(Table.ECG_SEGMENTS, segments("v2", 4), "data_version = 'v2'");
        assertEquals(2, lake.version(Table.ECG_SEGMENTS));
        assertEquals(
                List.of(3L, 4L),
                lake
                        .read(Table.ECG_SEGMENTS)
                        .groupBy("data_version")
                        .count()
                        .orderBy("data_version")
                        .collectAsList()
                        .stream()
                        .map(r -> r.getLong(1))
                        .toList());
    }

    @Test
    void aRowBreakingTheSchemaOrThePredicateFailsTheWriteAndNoTableIsLeft() {
        Lake outside = new Lake(spark, tmp.resolve("outside").toString());
        Exception e = assertThrows(
                Exception.class,
                () -> outside.replaceWhere(Table.ECG_SEGMENTS, segments("v2", 2), "data_version = 'v1'"));
        assertTrue(String.valueOf(e.getMessage()).contains("replaceWhere"), e.getMessage());
        assertFalse(outside.exists(Table.ECG_SEGMENTS));

        Lake nulls = new Lake(spark, tmp.resolve("nulls").toString());
        Dataset<Row> noSource = spark.createDataFrame(
                List.of(RowFactory.create("x", null, 300.0, "N", 1, Floats.encode(new float[] {1f}), "h", now())),
                Table.ECG_RECORDS.schema().asNullable());
        e = assertThrows(Exception.class, () -> nulls.insertOnly(Table.ECG_RECORDS, noSource));
        assertTrue(String.valueOf(e.getMessage()).contains("source"), e.getMessage());
        assertFalse(nulls.exists(Table.ECG_RECORDS));
    }

    /**
     * Writers inserting into a table none of them finds: one creates it holding its rows; the others' commits fail and
     * they insert by MERGE, which a racing MERGE may fail in turn (Delta's conflict), never store a key twice.
     */
    @Test
    void writersRacingToCreateATableWithTheirRowsStoreEachKeyOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 6; round++) {
                Lake lake = new Lake(spark, tmp.resolve("race-" + round).toString());
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < 3; w++) {
                    Dataset<Row> rows = records("w" + w + "-", 4, "csv").unionByName(records("shared-", 1, "csv"));
                    writers.add(pool.submit(() -> {
                        go.await();
                        new Lake(spark, lake.root()).insertOnly(Table.ECG_RECORDS, rows);
                        return null;
                    }));
                }
                go.countDown();
                int stored = 0;
                for (Future<?> writer : writers) {
                    try {
                        writer.get(2, TimeUnit.MINUTES);
                        stored++;
                    } catch (ExecutionException e) {
                        assertInstanceOf(ConcurrentModificationException.class, e.getCause(), "round " + round);
                    }
                }
                Dataset<Row> rows = lake.read(Table.ECG_RECORDS);
                assertTrue(stored >= 1, "round " + round);
                assertEquals(1 + 4 * stored, rows.count(), "round " + round);
                assertEquals(rows.count(), rows.select("record_id").distinct().count(), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String schema(Lake lake, Table table) {
        return DeltaTable.forPath(spark, lake.path(table)).toDF().schema().json();
    }

    private static Object detail(Lake lake, Table table, String column) {
        Row detail = DeltaTable.forPath(spark, lake.path(table))
                .detail()
                .select(column)
                .head();
        return detail.get(0) instanceof scala.collection.Map<?, ?> ? detail.getJavaMap(0) : detail.get(0);
    }

    private static Dataset<Row> records(String prefix, int n, String source) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] signal = {i, i + 0.5f, -i};
            rows.add(RowFactory.create(
                    prefix + i, source, 300.0, i % 2 == 0 ? "N" : "A", 3, Floats.encode(signal), "hash-" + i, now()));
        }
        return spark.createDataFrame(rows, Table.ECG_RECORDS.schema());
    }

    private static Dataset<Row> segments(String dataVersion, int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(RowFactory.create(
                    "rec",
                    i,
                    i % 2,
                    i % 3 == 0 ? "val" : "train",
                    "per-segment",
                    Floats.encode(new float[] {i}),
                    dataVersion));
        }
        return spark.createDataFrame(rows, Table.ECG_SEGMENTS.schema());
    }

    private static Timestamp now() {
        return new Timestamp(System.currentTimeMillis());
    }
}
