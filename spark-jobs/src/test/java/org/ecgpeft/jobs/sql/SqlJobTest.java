package org.ecgpeft.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.SparkSessions;
import org.ecgpeft.lake.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlJobTest {
    private static SparkSession spark;
    private static String root;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void lake() {
        spark = SparkSessions.local("sql-test", 2, 2);
        root = tmp.resolve("lake").toString();
        Timestamp t = new Timestamp(0);
        new Lake(spark, root)
                .append(
                        Table.ECG_METRICS,
                        spark.createDataFrame(
                                List.of(
                                        RowFactory.create("run-a", "test", "segment", "f1", 0.78, "dv1", t),
                                        RowFactory.create("run-a", "test", "segment", "auroc", 0.96, "dv1", t),
                                        RowFactory.create(
                                                "run-b, long name", "test", "segment", "f1", 0.8125, "dv1", t)),
                                Table.ECG_METRICS.schema()));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void printsAnAlignedTable() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new SqlJob(new PrintStream(buf, true, StandardCharsets.UTF_8))
                .run(
                        spark,
                        new SqlConfig(
                                root,
                                "SELECT run_id, metric, value FROM ecg_metrics ORDER BY value DESC",
                                Optional.empty(),
                                100,
                                60,
                                false));
        assertEquals(
                String.join(
                        "\n",
                        "run_id           | metric | value",
                        "-----------------+--------+-------",
                        "run-a            | auroc  |   0.96",
                        "run-b, long name | f1     | 0.8125",
                        "run-a            | f1     |   0.78",
                        "(3 rows)",
                        ""),
                buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesCsvWithQuoting() throws Exception {
        Path out = tmp.resolve("f1.csv");
        new SqlJob(System.out)
                .run(
                        spark,
                        new SqlConfig(
                                root,
                                "SELECT run_id, value FROM ecg_metrics WHERE metric = 'f1' ORDER BY run_id",
                                Optional.of(out.toString()),
                                100,
                                60,
                                false));
        assertEquals(List.of("run_id,value", "run-a,0.78", "\"run-b, long name\",0.8125"), Files.readAllLines(out));
    }

    /** Refused from the parsed plan (before any view is registered), so the table is left as it was. */
    @Test
    void statementsThatChangeTablesAreRefusedWithoutWrite() {
        String table = "delta.`" + root + "/ecg_metrics`";
        for (String template : List.of(
                "DELETE FROM %s WHERE run_id = 'run-a'",
                "delete from %s",
                "INSERT INTO %s SELECT * FROM %<s",
                "INSERT OVERWRITE %s SELECT * FROM %<s WHERE false",
                "WITH x AS (SELECT 1) INSERT INTO %s SELECT * FROM %<s",
                "UPDATE %s SET value = 0",
                "MERGE INTO %s t USING (SELECT 'run-a' AS run_id) s ON t.run_id = s.run_id WHEN MATCHED THEN DELETE",
                "DROP TABLE %s",
                "TRUNCATE TABLE %s",
                "ALTER TABLE %s ADD COLUMNS (note STRING)",
                "CREATE TABLE copy USING delta AS SELECT * FROM %s",
                "CREATE OR REPLACE TEMP VIEW v AS SELECT 1",
                "OPTIMIZE %s",
                "VACUUM %s",
                "RESTORE TABLE %s TO VERSION AS OF 0",
                "CREATE TABLE clone SHALLOW CLONE %s",
                "SET spark.sql.shuffle.partitions = 3",
                "CACHE TABLE %s")) {
            String sql = String.format(template, table);
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> new SqlJob(System.out).run(spark, new SqlConfig(root, sql, Optional.empty(), 100, 60, false)),
                    sql);
            assertTrue(
                    e.getMessage().contains("read-only") && e.getMessage().contains("--write"),
                    sql + ": " + e.getMessage());
        }
        assertEquals(3, spark.read().format("delta").load(root + "/ecg_metrics").count());
        assertEquals(7, spark.read().format("delta").load(root + "/ecg_metrics").columns().length);
    }

    @Test
    void readingStatementsRun() throws Exception {
        for (String sql : List.of(
                "WITH f AS (SELECT * FROM ecg_metrics WHERE metric = 'f1') SELECT 'DELETE FROM x' AS text, run_id FROM f",
                "SHOW TABLES",
                "DESCRIBE ecg_metrics",
                "DESCRIBE HISTORY delta.`" + root + "/ecg_metrics`")) {
            new SqlJob(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                    .run(spark, new SqlConfig(root, sql, Optional.empty(), 100, 60, false));
        }
    }

    @Test
    void writeRunsAStatementThatChangesATable() throws Exception {
        Lake lake = new Lake(spark, root);
        lake.append(
                Table.ECG_REJECTS,
                spark.createDataFrame(
                        List.of(RowFactory.create("csv", "f.csv:3", "bad label", null, new Timestamp(0))),
                        Table.ECG_REJECTS.schema()));
        String delete = "DELETE FROM delta.`" + root + "/ecg_rejects` WHERE locator = 'f.csv:3'";
        assertThrows(
                IllegalArgumentException.class,
                () -> new SqlJob(System.out).run(spark, new SqlConfig(root, delete, Optional.empty(), 100, 60, false)));
        assertEquals(1, lake.read(Table.ECG_REJECTS).count());
        new SqlJob(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(spark, new SqlConfig(root, delete, Optional.empty(), 100, 60, true));
        assertEquals(0, lake.read(Table.ECG_REJECTS).count());
    }
}
