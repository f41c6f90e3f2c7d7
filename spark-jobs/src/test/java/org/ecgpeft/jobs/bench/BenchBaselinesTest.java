package org.ecgpeft.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.ecgpeft.jobs.TestData;
import org.ecgpeft.signal.PadPolicy;
import org.ecgpeft.signal.WindowSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baselines bench-ingest measures against read what they are given, or say why they cannot (no timing). */
class BenchBaselinesTest {
    @TempDir
    Path tmp;

    @Test
    void thePlainLoopReadsEveryCsvRow() throws Exception {
        Path csv = tmp.resolve("seg.csv");
        SegmentCsvWriter.write(csv, 50, 600, 7, 3);
        PlainJavaBaseline.Result r = PlainJavaBaseline.run(csv, 600);
        assertEquals(50, r.rows());
        assertTrue(Double.isFinite(r.checksum()));
    }

    @Test
    void theWfdbLoopReadsEveryRecordAndCutsOnlyNAndA() throws Exception {
        TestData.writeLabelledFolder(tmp, 2400, "X1,N\nX2,A\nX3,O\n", "X1", "X2", "X3");
        WindowSpec window = new WindowSpec(600, 600, PadPolicy.DROP);
        PlainJavaBaseline.Result r = PlainJavaBaseline.runWfdb(tmp, window);
        assertEquals(3, r.rows(), "every record is read, as ingest does");
        assertTrue(Double.isFinite(r.checksum()));
    }

    @Test
    void pandasWithoutAnInterpreterIsReportedAsNotRun() throws Exception {
        Path csv = tmp.resolve("seg.csv");
        SegmentCsvWriter.write(csv, 5, 600, 5, 3);
        PandasBaseline.Result r =
                PandasBaseline.run(tmp.resolve("no-such-python").toString(), csv);
        assertFalse(r.ran());
        assertTrue(r.missing().startsWith("cannot start"), r.missing());
    }

    @Test
    void pandasReadsEveryRowWhereItIsInstalled() throws Exception {
        Path csv = tmp.resolve("seg.csv");
        SegmentCsvWriter.write(csv, 40, 600, 5, 3);
        PandasBaseline.Result r = PandasBaseline.run("python3", csv);
        assumeTrue(r.ran(), "no python3 with pandas here: " + r.missing());
        assertEquals(40, r.rows());
    }
}
