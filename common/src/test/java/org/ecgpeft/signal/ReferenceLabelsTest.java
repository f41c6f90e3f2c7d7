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
}
