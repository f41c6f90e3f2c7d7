package org.ecgpeft.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFolderTest {

    @TempDir
    Path root;

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRewriteReplacesTheWholeFolderAndLeavesNothingBeside() throws IOException {
        Path dir = root.resolve("best");
        AtomicFolder.write(dir, tmp -> {
            Files.writeString(tmp.resolve("a.txt"), "1");
            Files.writeString(tmp.resolve("b.txt"), "1");
        });
        AtomicFolder.write(dir, tmp -> Files.writeString(tmp.resolve("a.txt"), "2"));
        assertEquals(List.of("a.txt"), names(dir));
        assertEquals("2", Files.readString(dir.resolve("a.txt")));
        assertEquals(List.of("best"), names(root));
    }

    @Test
    void aWriteKilledHalfwayLeavesThePreviousFolderWhole() throws IOException {
        Path dir = root.resolve("best");
        AtomicFolder.write(dir, tmp -> Files.writeString(tmp.resolve("a.txt"), "old"));
        assertThrows(
                IOException.class,
                () -> AtomicFolder.write(dir, tmp -> {
                    Files.writeString(tmp.resolve("a.txt"), "new");
                    throw new IOException("killed");
                }));
        assertEquals("old", Files.readString(dir.resolve("a.txt")));
        AtomicFolder.recover(dir);
        assertEquals(List.of("best"), names(root));
    }

    /** A kill between moving the old folder aside and moving the new one in: the new one is complete. */
    @Test
    void recoverFinishesASwapCutBetweenItsTwoRenames() throws IOException {
        Path dir = root.resolve("best");
        Files.createDirectories(root.resolve(".best.old"));
        Files.writeString(root.resolve(".best.old/a.txt"), "old");
        Files.createDirectories(root.resolve(".best.tmp"));
        Files.writeString(root.resolve(".best.tmp/a.txt"), "new");
        AtomicFolder.recover(dir);
        assertEquals("new", Files.readString(dir.resolve("a.txt")));
        assertEquals(List.of("best"), names(root));
        assertFalse(Files.exists(root.resolve(".best.old")));
    }
}
