package org.ecgpeft.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.SparkSessions;
import org.ecgpeft.lake.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingests the real PhysioNet/CinC Challenge 2017 records from {@code ../shared/data/cinc2017}
 * (Clifford G. et al., AF Classification from a Short Single Lead ECG Recording, 2017; ODC-By 1.0).
 */
class CinC2017IngestTest {
    @TempDir
    Path tmp;

    @Test
    void ingestsEveryRecordWithItsLabelAndNoRejects() {
        Path data = Paths.get(System.getProperty("ecg.shared.dir", "../shared"), "data", "cinc2017");
        assumeTrue(
                Files.isRegularFile(data.resolve("REFERENCE.csv")),
                "CinC 2017 records not found at " + data.toAbsolutePath() + " (set -Decg.shared.dir); skipping");
        SparkSession spark = SparkSessions.local("cinc2017-ingest-test", 2, 4);
        try {
            String root = tmp.resolve("lake").toString();
            IngestSummary s = new IngestJob()
                    .ingest(
                            spark,
                            new IngestConfig(
                                    root, Optional.of(data.toString()), Optional.empty(), 0, 300, Optional.empty(), 8));

            assertEquals(Map.of("N", 4292L, "A", 627L, "O", 2088L, "~", 241L), s.validByLabel());
            assertEquals(0, s.rejected());
            Lake lake = new Lake(spark, root);
            assertEquals(7248, lake.read(Table.ECG_RECORDS).count());
            assertEquals(0, lake.read(Table.ECG_REJECTS).count());
            // A00001: 9000 samples at 300 Hz (30 s), label N.
            var a1 = lake.read(Table.ECG_RECORDS)
                    .filter("record_id = 'A00001'")
                    .select("label", "n_samples", "sample_rate")
                    .first();
            assertEquals("N", a1.getString(0));
            assertEquals(9000, a1.getInt(1));
            assertEquals(300.0, a1.getDouble(2));
        } finally {
            spark.stop();
        }
    }
}
