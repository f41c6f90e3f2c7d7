package org.ecgpeft.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.ecgpeft.jobs.SparkSessions;
import org.ecgpeft.lake.Lake;
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
    new Lake(spark, root).append(Table.ECG_METRICS, spark.createDataFrame(List.of(
        RowFactory.create("run-a", "test", "segment", "f1", 0.78, "dv1", t),
        RowFactory.create("run-a", "test", "segment", "auroc", 0.96, "dv1", t),
        RowFactory.create("run-b, long name", "test", "segment", "f1", 0.8125, "dv1", t)),
        Table.ECG_METRICS.schema()));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void printsAnAlignedTable() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    new SqlJob(new PrintStream(buf, true, StandardCharsets.UTF_8)).run(spark, new SqlConfig(root,
        "SELECT run_id, metric, value FROM ecg_metrics ORDER BY value DESC", Optional.empty(), 100, 60));
    assertEquals(String.join("\n",
        "run_id           | metric | value",
        "-----------------+--------+-------",
        "run-a            | auroc  |   0.96",
        "run-b, long name | f1     | 0.8125",
        "run-a            | f1     |   0.78",
        "(3 rows)", ""), buf.toString(StandardCharsets.UTF_8));
  }

  @Test
  void writesCsvWithQuoting() throws Exception {
    Path out = tmp.resolve("f1.csv");
    new SqlJob(System.out).run(spark, new SqlConfig(root,
        "SELECT run_id, value FROM ecg_metrics WHERE metric = 'f1' ORDER BY run_id", Optional.of(out.toString()), 100, 60));
    assertEquals(List.of("run_id,value", "run-a,0.78", "\"run-b, long name\",0.8125"), Files.readAllLines(out));
  }
}
