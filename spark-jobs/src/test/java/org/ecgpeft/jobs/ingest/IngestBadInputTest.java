package org.ecgpeft.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.ecgpeft.jobs.Main;
import org.ecgpeft.jobs.TestData;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.SparkSessions;
import org.ecgpeft.lake.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest's error model: a missing source is a command-line error; otherwise every input becomes exactly
 * one record or one reject (bad REFERENCE.csv lines, truncated or lying WFDB files, bad CSV rows, ids that
 * would overwrite another source's record), and records without a label are kept unlabelled.
 */
class IngestBadInputTest {
    private static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSessions.local("ingest-bad-input-test", 2, 2);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aMissingSourceIsOneErrorLineAndExitCode2BeforeAnythingIsWritten() {
        for (String[] option : List.of(
                new String[] {"--csv", tmp.resolve("nope.csv").toString(), "no such file"},
                new String[] {"--wfdb", tmp.resolve("nope").toString(), "no such directory"})) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Main main = new Main(
                    List.of(new IngestJob()),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            int rc = main.run(
                    new String[] {"ingest", "--tables", tmp.resolve("lake").toString(), option[0], option[1]});
            assertEquals(2, rc, option[0]);
            assertEquals(
                    "error: " + option[0] + " " + option[1] + ": " + option[2] + " (ingest --help lists the options)",
                    err.toString(StandardCharsets.UTF_8).strip());
            assertFalse(Files.exists(tmp.resolve("lake")), "nothing written");
        }
    }

    @Test
    void aBadReferenceLineCostsOnlyItsRecordAndUnlistedRecordsAreKeptUnlabelled() throws Exception {
        Path wfdb = folder("wfdb", "R1", "R2", "R3", "R4", "R5");
        Files.writeString(wfdb.resolve("REFERENCE.csv"), "R1,N\nR2,X\nR3 A\nR4,A\n"); // R5 not listed
        IngestSummary s = ingest(wfdb);

        assertEquals(labels("R1", "N", "R3", null, "R4", "A", "R5", null), storedLabels());
        Map<String, String> rejects = rejects();
        assertEquals(2, rejects.size(), rejects.toString());
        assertTrue(
                rejects.get(wfdb.resolve("REFERENCE.csv") + ":2").contains("unknown label 'X' for record R2"),
                rejects.toString());
        assertTrue(
                rejects.get(wfdb.resolve("REFERENCE.csv") + ":3").contains("expected 'recordId,label'"),
                rejects.toString());
        // 5 records + the line that names none = 4 records + 2 rejects.
        assertEquals(6, s.valid() + s.rejected());
    }

    @Test
    void aFolderWithoutReferenceCsvIsIngestedUnlabelled() throws Exception {
        IngestSummary s = ingest(folder("wfdb", "U1", "U2"));
        assertEquals(labels("U1", null, "U2", null), storedLabels());
        assertEquals(Map.of(IngestSummary.UNLABELLED, 2L), s.validByLabel());
        assertEquals(0, s.rejected());
    }

    @Test
    void aTruncatedMatAndLyingHeadersCostOneRejectEach() throws Exception {
        Path wfdb = folder("wfdb", "G1", "G2", "T1", "H1", "H2", "H3", "H4");
        Path mat = wfdb.resolve("T1.mat");
        Files.write(mat, Arrays.copyOf(Files.readAllBytes(mat), 500));
        Files.writeString(
                wfdb.resolve("H1.hea"), Files.readString(wfdb.resolve("H1.hea")).replace(" 600 ", " 9000 "));
        Files.writeString(
                wfdb.resolve("H2.hea"), Files.readString(wfdb.resolve("H2.hea")).replace("1000/mV", "-1000/mV"));
        Files.writeString(
                wfdb.resolve("H3.hea"), Files.readString(wfdb.resolve("H3.hea")).replace("16+24", "212+24"));
        Files.writeString(
                wfdb.resolve("H4.hea"), Files.readString(wfdb.resolve("H4.hea")).replace("H4 1", "G1 1"));
        Files.writeString(wfdb.resolve("REFERENCE.csv"), "G1,N\nG2,A\nT1,N\nH1,N\nH2,N\nH3,N\nH4,N\n");
        IngestSummary s = ingest(wfdb);

        assertEquals(labels("G1", "N", "G2", "A"), storedLabels());
        Map<String, String> rejects = rejects();
        assertEquals(5, rejects.size(), rejects.toString());
        assertReason(rejects, "T1.mat", "truncated");
        assertReason(rejects, "H1.mat", "declares 9000 samples but the data file holds 600");
        assertReason(rejects, "H2.hea:2", "invalid gain");
        assertReason(rejects, "H3.mat", "format 212");
        assertReason(rejects, "H4.hea", "names record 'G1'");
        assertEquals(7, s.valid() + s.rejected());
    }

    @Test
    void anIdStoredFromAnotherFolderIsNeverOverwrittenByDifferentContent() throws Exception {
        Path first = Files.createDirectories(tmp.resolve("a/training"));
        TestData.writeLabelledFolder(first, 600, "X1,N\nX2,A\n", "X1", "X2");
        ingest(first);
        Lake lake = lake();
        Map<String, String> hashes = column("content_hash");
        // Same folder name in another place: a different source all the same.
        Path second = Files.createDirectories(tmp.resolve("b/training"));
        TestData.writeWfdb(second, "X1", TestData.signal(600, 99), 600); // different content
        TestData.writeWfdb(second, "X2", TestData.signal(600, 2), 600); // identical content
        TestData.writeWfdb(second, "X3", TestData.signal(600, 3), 600); // new id
        Files.writeString(second.resolve("REFERENCE.csv"), "X1,N\nX2,A\nX3,N\n");

        IngestSummary s = ingest(second);

        assertEquals(1, s.recordsWritten(), "only X3 is new");
        assertEquals(1, s.rejected());
        assertEquals(hashes.get("X1"), column("content_hash").get("X1"), "X1 keeps the first folder's content");
        assertEquals(hashes.get("X2"), column("content_hash").get("X2"));
        assertEquals("wfdb:" + first.toAbsolutePath(), column("source").get("X2"), "identical re-ingest is a no-op");
        assertEquals("wfdb:" + second.toAbsolutePath(), column("source").get("X3"));
        String reason = rejects().get(second.resolve("X1.hea").toString());
        assertEquals(
                "record id X1 is already in ecg_records from wfdb:" + first.toAbsolutePath()
                        + " with different content; not overwritten",
                reason);
        assertEquals(3, s.valid() + s.rejected(), "X1 rejected, X2 and X3 valid");

        long version = lake.version(Table.ECG_RECORDS);
        IngestSummary again = ingest(second);
        assertEquals(0, again.recordsWritten());
        assertEquals(0, again.rejectsWritten(), "the same conflict is not recorded twice");
        assertEquals(version, lake.version(Table.ECG_RECORDS));
    }

    @Test
    void anIdReadFromTwoInputsOfOneRunWithDifferentContentIsRejectedFromBoth() throws Exception {
        // The synthetic source (seed 42) names its records syn-42-<i>; a folder holding a record of that name with
        // other samples makes two inputs of one run disagree on syn-42-0.
        Path wfdb = folder("clash", "syn-42-0", "W1");
        IngestSummary s = ingest(wfdb, Optional.of(new SyntheticSpec(2, 300, 10, 0.5, 42)));

        assertEquals(2, s.rejected(), "both inputs of syn-42-0");
        assertEquals(2, s.valid(), "W1 and syn-42-1");
        assertEquals(Set.of("W1", "syn-42-1"), column("label").keySet());
        String reason = "record id syn-42-0 is read with different content from more than one input of this run"
                + " (synthetic, wfdb:" + wfdb.toAbsolutePath() + "); none of them is ingested";
        assertEquals(reason, rejects().get(wfdb.resolve("syn-42-0.hea").toString()));
        assertEquals(reason, rejects().get("syn-42-0"));
    }

    @Test
    void csvRowsWithBadValuesCostOneRejectEachEvenWhenTheFirstRowIsBad() throws Exception {
        Path csv = tmp.resolve("seg.csv");
        Files.writeString(
                csv,
                String.join(
                                "\n",
                                "1,2,3,0", // 1: 3 samples: must not set the width for the file
                                "0.1,0.2,0.3,0.4,0",
                                "0.5,0.6,0.7,0.8,1",
                                "1,2,3,4,0",
                                "-1,-2,-3,-4,1",
                                "0.1,Inf,0.3,0.4,1", // 6
                                "0.1,0.2,nan,0.4,0", // 7
                                "0.1,0.2,0.3,0.4,7", // 8
                                "1,2,3,4,5,0", // 9
                                "0.1,0.2,1e999,0.4,0")
                        + "\n"); // 10
        IngestSummary s = new IngestJob()
                .ingest(
                        spark,
                        new IngestConfig(
                                tmp.resolve("lake").toString(),
                                Optional.empty(),
                                Optional.of(csv.toString()),
                                0,
                                300,
                                Optional.empty(),
                                2));

        assertEquals(labels("seg:2", "N", "seg:3", "A", "seg:4", "N", "seg:5", "A"), storedLabels());
        assertEquals(
                List.of("seg:1", "seg:10", "seg:6", "seg:7", "seg:8", "seg:9"),
                rejects().keySet().stream().sorted().toList());
        assertEquals(10, s.valid() + s.rejected());
    }

    /**
     * No write is a blind append: the first creates the table holding its rows (a table's first commit, which fails
     * when another writer created the table meanwhile), later ones are MERGEs even when every key is new.
     */
    @Test
    void writesAreMergesEvenWhenEveryKeyIsNew() throws Exception {
        ingest(folder("wfdb", "M1"));
        ingest(folder("wfdb2", "M2"));
        List<String> operations = DeltaTable.forPath(spark, lake().path(Table.ECG_RECORDS))
                .history()
                .orderBy("version")
                .select("operation")
                .collectAsList()
                .stream()
                .map(r -> r.getString(0))
                .toList();
        assertEquals(List.of("CREATE TABLE AS SELECT", "MERGE"), operations);
    }

    @Test
    void aLakeWrittenBeforeLabelsCouldBeNullTakesUnlabelledRecords() throws Exception {
        Lake lake = lake();
        StructType old = new StructType(Arrays.stream(Table.ECG_RECORDS.schema().fields())
                .map(f -> new StructField(
                        f.name(), f.dataType(), f.name().equals("label") ? false : f.nullable(), f.metadata()))
                .toArray(StructField[]::new));
        DeltaTable.create(spark)
                .location(lake.path(Table.ECG_RECORDS))
                .addColumns(old)
                .execute();

        ingest(folder("wfdb", "U1"));

        assertEquals(labels("U1", null), storedLabels());
    }

    private Path folder(String name, String... records) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (int i = 0; i < records.length; i++) {
            TestData.writeWfdb(dir, records[i], TestData.signal(600, i), 600);
        }
        return dir;
    }

    private IngestSummary ingest(Path wfdb) {
        return ingest(wfdb, Optional.empty());
    }

    /** Ingests the folder, and the synthetic records in the same run when given. */
    private IngestSummary ingest(Path wfdb, Optional<SyntheticSpec> synthetic) {
        return new IngestJob()
                .ingest(
                        spark,
                        new IngestConfig(
                                tmp.resolve("lake").toString(),
                                Optional.of(wfdb.toString()),
                                Optional.empty(),
                                0,
                                300,
                                synthetic,
                                2));
    }

    private Lake lake() {
        return new Lake(spark, tmp.resolve("lake").toString());
    }

    private Map<String, String> storedLabels() {
        return column("label");
    }

    private Map<String, String> column(String name) {
        Map<String, String> out = new HashMap<>();
        for (Row r : lake().read(Table.ECG_RECORDS).select("record_id", name).collectAsList()) {
            out.put(r.getString(0), r.getString(1));
        }
        return out;
    }

    /** Reject locator to reason. */
    private Map<String, String> rejects() {
        Map<String, String> out = new HashMap<>();
        for (Row r : lake().read(Table.ECG_REJECTS).select("locator", "reason").collectAsList()) {
            out.put(r.getString(0), r.getString(1));
        }
        return out;
    }

    private static Map<String, String> labels(String... idLabel) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < idLabel.length; i += 2) {
            out.put(idLabel[i], idLabel[i + 1]);
        }
        return out;
    }

    private static void assertReason(Map<String, String> rejects, String locatorEnd, String fragment) {
        Map.Entry<String, String> e = rejects.entrySet().stream()
                .filter(x -> x.getKey().endsWith(locatorEnd))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no reject at " + locatorEnd + ": " + rejects));
        assertTrue(e.getValue().contains(fragment), e.getKey() + ": " + e.getValue());
    }
}
