package org.ecgpeft.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads real PhysioNet/CinC 2017 records from the shared data folder (skipped when it is absent). */
class CincRecordsTest {

    private static Path cinc;

    @BeforeAll
    static void locate() {
        String shared = System.getProperty("ecg.shared.dir", "../shared");
        cinc = Path.of(shared, "data", "cinc2017");
        assumeTrue(
                Files.isRegularFile(cinc.resolve("REFERENCE.csv")),
                "CinC 2017 data not found under " + cinc.toAbsolutePath() + " (set -Decg.shared.dir); skipping");
    }

    @Test
    void referenceLabelCounts() throws Exception {
        Map<String, String> labels = ReferenceLabels.read(cinc.resolve("REFERENCE.csv"));
        Map<String, Integer> counts = new TreeMap<>();
        labels.values().forEach(l -> counts.merge(l, 1, Integer::sum));
        assertEquals(7248, labels.size());
        assertEquals(Map.of("N", 4292, "A", 627, "O", 2088, "~", 241), counts);
        assertEquals("N", labels.get("A00001"));
    }

    @Test
    void recordA00001() throws Exception {
        EcgRecord r = WfdbReader.read(cinc.resolve("A00001.hea"), "N", "cinc2017");
        assertEquals("A00001", r.recordId());
        assertEquals(300.0, r.sampleRate());
        assertEquals(9000, r.signal().length);
        assertEquals(30.0, r.durationSeconds(), 1e-9);
        // First sample is the header's initial value -127 adu at 1000 adu/mV.
        assertEquals(-0.127f, r.signal()[0], 1e-7f);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : r.signal()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        // Raw ADC range of this record is [-754, 946].
        assertEquals(-0.754f, min, 1e-7f);
        assertEquals(0.946f, max, 1e-7f);
    }

    @Test
    void everyRecordMatchesItsHeaderLength() throws Exception {
        Map<String, String> labels = ReferenceLabels.read(cinc.resolve("REFERENCE.csv"));
        int checked = 0;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (checked++ % 50 != 0) {
                continue; // a spread-out sample keeps the test fast
            }
            Path hea = cinc.resolve(e.getKey() + ".hea");
            EcgRecord r = WfdbReader.read(hea, e.getValue(), "cinc2017");
            long declared = WfdbHeaderParser.parse(hea).sampleCount().getAsLong();
            assertEquals(declared, r.signal().length, e.getKey());
            assertTrue(r.signal().length >= 2700 && r.signal().length <= 18300, e.getKey());
            for (float v : r.signal()) {
                assertTrue(Math.abs(v) < 33f, e.getKey() + " value " + v); // int16 at 1000 adu/mV
            }
        }
    }
}
