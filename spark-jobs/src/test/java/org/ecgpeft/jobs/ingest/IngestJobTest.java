package org.ecgpeft.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.jobs.TestData;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.SparkSessions;
import org.ecgpeft.lake.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestJobTest {
    private static SparkSession spark;
    private static IngestConfig mixed;
    private static IngestSummary first;

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    /** Ingests the mixed input once; the tests read that lake (re-ingesting it adds no commit). */
    @BeforeAll
    static void start() throws Exception {
        spark = SparkSessions.local("ingest-test", 2, 2);
        mixed = mixedInput(shared);
        first = new IngestJob().ingest(spark, mixed);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** A WFDB folder with 3 good records and 3 bad ones, and a CSV (with header) of 4 good rows and 5 broken ones. */
    private static IngestConfig mixedInput(Path tmp) throws Exception {
        Path wfdb = Files.createDirectories(tmp.resolve("wfdb"));
        TestData.writeWfdb(wfdb, "R001", TestData.signal(900, 0), 900);
        TestData.writeWfdb(wfdb, "R002", TestData.signal(1200, 5), 1200);
        TestData.writeWfdb(wfdb, "R003", TestData.signal(600, 9), 600);
        TestData.writeWfdb(wfdb, "R004", TestData.signal(500, 1), 800); // header says 800, data has 500
        TestData.writeWfdb(wfdb, "R005", TestData.signal(300, 2), 300);
        Files.delete(wfdb.resolve("R005.mat")); // data file missing
        TestData.writeWfdb(wfdb, "R006", TestData.signal(300, 3), 300); // not in REFERENCE.csv: unlabelled
        Files.writeString(wfdb.resolve("RECORDS"), "R001\nR002\nR003\nR004\nR005\nR006\n");
        Files.writeString(wfdb.resolve("REFERENCE.csv"), "R001,N\nR002,A\nR003,O\nR004,N\nR005,A\n");
        Path csv = tmp.resolve("seg.csv");
        Files.writeString(
                csv,
                String.join(
                                "\n",
                                "s0,s1,s2,s3,label",
                                "0.1,0.2,0.3,0.4,0",
                                "1,2,3,4,1",
                                "0.5,0.25,-0.5,-1,0",
                                "0.1,0.2,0.3,0", // 5: wrong width
                                "0.1,abc,0.3,0.4,0", // 6: non-numeric
                                "0.1,NaN,0.3,0.4,1", // 7: NaN
                                "0.1,0.2,0.3,0.4,2", // 8: unknown label
                                "", // 9: empty row
                                "9,8,7,6,1")
                        + "\n");
        return new IngestConfig(
                tmp.resolve("lake").toString(),
                Optional.of(wfdb.toString()),
                Optional.of(csv.toString()),
                0,
                300,
                Optional.empty(),
                3);
    }

    @Test
    void aRelativeTableRootIsResolvedAgainstTheWorkingDirectory() throws Exception {
        // The launcher's default root is ./ecg-lake: Delta must get a location, not a table name.
        String relative = "target/relative-lake-" + ProcessHandle.current().pid();
        try {
            Lake lake = new Lake(spark, "./" + relative);
            assertEquals(Path.of(relative).toAbsolutePath().toString(), lake.root());
            lake.createIfAbsent(Table.ECG_REJECTS);
            assertTrue(lake.exists(Table.ECG_REJECTS));
            assertTrue(Files.isDirectory(Path.of(relative, "ecg_rejects", "_delta_log")));
        } finally {
            org.apache.commons.io.FileUtils.deleteDirectory(Path.of(relative).toFile());
        }
    }

    @Test
    void ingestsValidRowsAndRejectsBadOnesWithReasons() {
        IngestConfig config = mixed;
        IngestSummary s = first;
        Lake lake = new Lake(spark, config.tablesRoot());

        Map<String, String> labels = new HashMap<>();
        lake.read(Table.ECG_RECORDS)
                .collectAsList()
                .forEach(r -> labels.put(r.getString(r.fieldIndex("record_id")), r.getString(r.fieldIndex("label"))));
        Map<String, String> expected = new HashMap<>(
                Map.of("R001", "N", "R002", "A", "R003", "O", "seg:2", "N", "seg:3", "A", "seg:4", "N", "seg:10", "A"));
        expected.put("R006", null);
        assertEquals(expected, labels);
        assertEquals(Map.of("N", 3L, "A", 3L, "O", 1L, IngestSummary.UNLABELLED, 1L), s.validByLabel());
        assertEquals(8, s.recordsWritten());

        List<Row> rejects = lake.read(Table.ECG_REJECTS).collectAsList();
        assertEquals(7, rejects.size(), "2 WFDB + 5 CSV rejects: " + rejects);
        assertEquals(7, s.rejected());
        for (Row r : rejects) {
            assertFalse(r.getString(r.fieldIndex("reason")).isBlank(), "reason of " + r);
            assertFalse(r.getString(r.fieldIndex("locator")).isBlank(), "locator of " + r);
        }
        List<String> csvLocators = rejects.stream()
                .filter(r ->
                        r.getString(0).startsWith("csv:/") && r.getString(0).endsWith("seg.csv"))
                .map(r -> r.getString(1))
                .sorted()
                .toList();
        assertEquals(List.of("seg:5", "seg:6", "seg:7", "seg:8", "seg:9"), csvLocators);
        assertTrue(rejects.stream().anyMatch(r -> r.getString(1).contains("R004")), "length mismatch: " + rejects);
        assertTrue(rejects.stream().anyMatch(r -> r.getString(1).contains("R005")), "missing .mat: " + rejects);
    }

    @Test
    void wfdbSamplesAreScaledByGain() {
        Row r = new Lake(spark, mixed.tablesRoot())
                .read(Table.ECG_RECORDS)
                .filter("record_id = 'R002'")
                .first();
        float[] signal = Floats.of(r, r.fieldIndex("signal"));
        short[] adc = TestData.signal(1200, 5);
        assertEquals(1200, signal.length);
        assertEquals(1200, r.getInt(r.fieldIndex("n_samples")));
        assertEquals(300.0, r.getDouble(r.fieldIndex("sample_rate")));
        for (int i = 0; i < adc.length; i++) {
            assertEquals(adc[i] / 1000f, signal[i], 1e-6f, "sample " + i);
        }
    }

    @Test
    void reingestingTheSameInputChangesNothing() {
        IngestConfig config = mixed;
        IngestJob job = new IngestJob();
        Lake lake = new Lake(spark, config.tablesRoot());
        List<String> records = snapshot(lake, Table.ECG_RECORDS, "record_id", "content_hash");
        List<String> rejects = snapshot(lake, Table.ECG_REJECTS, "source", "locator", "reason");
        long rejectsVersion = lake.version(Table.ECG_REJECTS);

        IngestSummary second = job.ingest(spark, config);

        assertEquals(0, second.recordsWritten());
        assertEquals(0, second.rejectsWritten());
        assertEquals(first.recordsVersion(), second.recordsVersion(), "no new Delta commit on ecg_records");
        assertEquals(rejectsVersion, lake.version(Table.ECG_REJECTS), "no new Delta commit on ecg_rejects");
        assertEquals(records, snapshot(lake, Table.ECG_RECORDS, "record_id", "content_hash"));
        assertEquals(rejects, snapshot(lake, Table.ECG_REJECTS, "source", "locator", "reason"));
    }

    @Test
    void changedContentUpdatesOnlyThatRecord() throws Exception {
        Path wfdb = Files.createDirectories(tmp.resolve("wfdb"));
        TestData.writeLabelledFolder(wfdb, 600, "X1,N\nX2,A\n", "X1", "X2");
        IngestConfig config = new IngestConfig(
                tmp.resolve("lake").toString(),
                Optional.of(wfdb.toString()),
                Optional.empty(),
                0,
                300,
                Optional.empty(),
                2);
        IngestJob job = new IngestJob();
        job.ingest(spark, config);
        Lake lake = new Lake(spark, config.tablesRoot());
        String unchanged =
                lake.read(Table.ECG_RECORDS).filter("record_id = 'X2'").first().getAs("content_hash");
        TestData.writeWfdb(wfdb, "X1", TestData.signal(600, 77), 600);

        IngestSummary second = job.ingest(spark, config);

        assertEquals(1, second.recordsWritten());
        assertEquals(2, lake.read(Table.ECG_RECORDS).count());
        assertEquals(
                unchanged,
                lake.read(Table.ECG_RECORDS).filter("record_id = 'X2'").first().getAs("content_hash"));
        float[] x1 = Floats.of(
                lake.read(Table.ECG_RECORDS).filter("record_id = 'X1'").first(), 5);
        assertEquals(TestData.signal(600, 77)[10] / 1000f, x1[10], 1e-6f);
    }

    /**
     * One source into a fresh lake takes the single pass (no cached copy, counts observed while the records are
     * written); the counts, records and rejects are those the checked path gives for the same rows.
     */
    @Test
    void oneSourceIntoAFreshLakeIsCountedWhileWrittenWithItsRejectsKept() {
        String root = tmp.resolve("one-csv").toString();
        IngestSummary s = ingestCsv(root, mixed.csvFile().orElseThrow(), 0);
        assertEquals(Map.of("N", 2L, "A", 2L), s.validByLabel());
        assertEquals(4, s.recordsWritten());
        assertEquals(5, s.rejected());
        assertEquals(5, s.rejectsWritten());
        Lake lake = new Lake(spark, root);
        assertEquals(0, s.recordsVersion(), "one commit: the creation holding the records");
        assertEquals(
                List.of("seg:10,A", "seg:2,N", "seg:3,A", "seg:4,N"),
                snapshot(lake, Table.ECG_RECORDS, "record_id", "label"));
        assertEquals(
                List.of("seg:5", "seg:6", "seg:7", "seg:8", "seg:9"), snapshot(lake, Table.ECG_REJECTS, "locator"));
        // A re-run finds rows stored and takes the checked path: it reads the rows the same way (same hashes: nothing
        // to write, no commit).
        IngestSummary again = ingestCsv(root, mixed.csvFile().orElseThrow(), 0);
        assertEquals(s.validByLabel(), again.validByLabel());
        assertEquals(0, again.recordsWritten());
        assertEquals(s.recordsVersion(), again.recordsVersion());
    }

    @Test
    void oneSourceOfOnlyRejectsStoresNoRecordAndEnds() throws Exception {
        Path csv = Files.writeString(tmp.resolve("bad.csv"), "0.1,NaN,0.3,1\n0.1,0.2,0.3,7\n");
        String root = tmp.resolve("only-rejects").toString();
        IngestSummary s = ingestCsv(root, csv.toString(), 3);
        assertEquals(Map.of(), s.validByLabel());
        assertEquals(2, s.rejected());
        assertEquals(0, s.recordsWritten());
        assertEquals(0, s.recordsVersion(), "the table created holding no rows");
        assertEquals(2, new Lake(spark, root).read(Table.ECG_REJECTS).count());
    }

    /** Ingests one CSV into {@code root}; a run waiting forever on its counts fails instead. */
    private static IngestSummary ingestCsv(String root, String csv, int samples) {
        IngestConfig config =
                new IngestConfig(root, Optional.empty(), Optional.of(csv), samples, 300, Optional.empty(), 3);
        return assertTimeoutPreemptively(Duration.ofMinutes(2), () -> new IngestJob().ingest(spark, config));
    }

    @Test
    void syntheticSourceIsDeterministic() {
        SyntheticSpec spec = new SyntheticSpec(25, 300, 4, 0.3, 11);
        String a = tmp.resolve("a").toString();
        String b = tmp.resolve("b").toString();
        new IngestJob()
                .ingest(spark, new IngestConfig(a, Optional.empty(), Optional.empty(), 0, 300, Optional.of(spec), 2));
        new IngestJob()
                .ingest(spark, new IngestConfig(b, Optional.empty(), Optional.empty(), 0, 300, Optional.of(spec), 5));
        List<String> left =
                snapshot(new Lake(spark, a), Table.ECG_RECORDS, "record_id", "label", "n_samples", "content_hash");
        assertEquals(25, left.size());
        assertEquals(
                left,
                snapshot(new Lake(spark, b), Table.ECG_RECORDS, "record_id", "label", "n_samples", "content_hash"));
        assertTrue(left.stream().allMatch(s -> s.contains(",1200,")), "4 s at 300 Hz: " + left.get(0));
    }

    private static List<String> snapshot(Lake lake, Table t, String... cols) {
        return lake.read(t).selectExpr("concat_ws(',', " + String.join(", ", cols) + ")").collectAsList().stream()
                .map(r -> r.getString(0))
                .sorted()
                .toList();
    }
}
