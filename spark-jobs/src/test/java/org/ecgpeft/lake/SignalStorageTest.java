package org.ecgpeft.lake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a signal lands in Parquet: one plain binary value per row (no dictionary attempt), the table's layout named. */
class SignalStorageTest {
    private static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSessions.local("signal-storage-test", 1, 1);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void signalsAreWrittenPlainWhileOtherColumnsKeepTheirDictionary() throws IOException {
        // Two distinct signals only: Parquet would keep a dictionary for them if it tried one.
        Lake lake = new Lake(spark, tmp.resolve("lake").toString());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(RowFactory.create(
                    "r" + i,
                    "test",
                    300.0,
                    "N",
                    2,
                    Floats.encode(new float[] {i % 2, -(i % 2)}),
                    "h" + i,
                    new Timestamp(0)));
        }
        lake.append(
                Table.ECG_RECORDS,
                spark.createDataFrame(rows, Table.ECG_RECORDS.schema()).coalesce(1));

        assertEquals(
                Floats.LAYOUT,
                spark.sql("SHOW TBLPROPERTIES " + lake.sqlName(Table.ECG_RECORDS))
                        .filter("key = '" + Floats.LAYOUT_PROPERTY + "'")
                        .head()
                        .getString(1));
        Path file;
        try (Stream<Path> files = Files.list(tmp.resolve("lake/ecg_records"))) {
            file = files.filter(f -> f.toString().endsWith(".parquet"))
                    .findFirst()
                    .orElseThrow();
        }
        try (ParquetFileReader reader = ParquetFileReader.open(
                HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            for (ColumnChunkMetaData c : reader.getFooter().getBlocks().get(0).getColumns()) {
                Set<Encoding> encodings = c.getEncodings();
                boolean dictionary = encodings.stream().anyMatch(Encoding::usesDictionary);
                String name = c.getPath().toDotString();
                if (name.equals("signal")) {
                    assertFalse(dictionary, "signal: " + encodings);
                } else if (name.equals("source")) {
                    assertTrue(dictionary, "source keeps its dictionary: " + encodings);
                }
            }
            assertEquals(
                    Set.of(
                            "record_id",
                            "source",
                            "sample_rate",
                            "label",
                            "n_samples",
                            "signal",
                            "content_hash",
                            "ingested_at"),
                    reader.getFooter().getBlocks().get(0).getColumns().stream()
                            .map(c -> c.getPath().toDotString())
                            .collect(Collectors.toSet()));
        }
        assertArrayEquals(
                new float[] {1f, -1f},
                Floats.of(
                        lake.read(Table.ECG_RECORDS).filter("record_id = 'r7'").head(), 5));
    }
}
