package org.ecgpeft.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceLabelsTest {

    @TempDir
    Path dir;

    @Test
    void readsInOrderSkippingBlankLines() throws Exception {
        Path f = dir.resolve("REFERENCE.csv");
        Files.writeString(f, "\uFEFFA00001,N\r\nA00002,A\n\nA00003, ~ \nA00004,O\n");
        Map<String, String> labels = ReferenceLabels.read(f);
        assertEquals(List.of("A00001", "A00002", "A00003", "A00004"), List.copyOf(labels.keySet()));
        assertEquals(List.of("N", "A", "~", "O"), List.copyOf(labels.values()));
    }

    @Test
    void unknownLabelNamesLine() throws Exception {
        Path f = dir.resolve("REFERENCE.csv");
        Files.writeString(f, "A00001,N\nA00002,X\n");
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> ReferenceLabels.read(f));
        assertEquals(f + ":2", e.locator());
        assertTrue(e.reason().contains("'X'"), e.reason());
    }

    @Test
    void malformedAndDuplicateLinesRejected() throws Exception {
        Path f = dir.resolve("REFERENCE.csv");
        Files.writeString(f, "A00001 N\n");
        assertThrows(EcgFormatException.class, () -> ReferenceLabels.read(f));
        Files.writeString(f, "A00001,N\nA00001,A\n");
        EcgFormatException e = assertThrows(EcgFormatException.class, () -> ReferenceLabels.read(f));
        assertTrue(e.reason().contains("duplicate"), e.reason());
        Files.writeString(f, ",N\n");
        assertThrows(EcgFormatException.class, () -> ReferenceLabels.read(f));
    }

    @Test
    void parseKeepsGoodLinesAndNamesTheRecordOfEachBadOne() throws Exception {
        Path f = dir.resolve("REFERENCE.csv");
        byte[] notUtf8 = {'A', '6', ',', (byte) 0xC3, '\n'};
        Files.write(f, concat("A1,N\nA2,X\nA3 A\nA4,O\n,N\nA5,N,extra\nA6,A\nA4,O\nA7,~\n", notUtf8));
        ReferenceLabels.Parsed p = ReferenceLabels.parse(f);
        assertEquals(Map.of("A1", "N", "A7", "~"), p.labels());
        List<String> named = p.badLines().stream()
                .map(b -> b.recordId() + "@" + b.error().locator())
                .toList();
        assertEquals(
                List.of(
                        "A2@" + f + ":2",
                        "null@" + f + ":3",
                        "null@" + f + ":5",
                        "A5@" + f + ":6",
                        "A4@" + f + ":8",
                        "A6@" + f + ":10"),
                named);
        assertTrue(
                p.badLines().get(0).error().reason().contains("unknown label 'X'"),
                p.badLines().get(0).error().reason());
        assertTrue(
                p.badLines().get(4).error().reason().contains("duplicate record id A4 (first on line 4)"),
                p.badLines().get(4).error().reason());
        // A6 and A4 had a good line first: the later bad line still refuses the record (its label is in doubt).
        EcgFormatException strict = assertThrows(EcgFormatException.class, () -> ReferenceLabels.read(f));
        assertEquals(f + ":2", strict.locator());
    }

    private static byte[] concat(String text, byte[] tail) {
        byte[] head = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
