package org.ecgpeft.train;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes a checkpoint folder so that a kill at any moment leaves either the previous complete folder or the
 * new complete one, never a mix: the files go into {@code .NAME.tmp} beside it, which is then renamed into
 * place. Replacing an existing folder takes two renames (old aside to {@code .NAME.old}, new into place);
 * {@link #recover} finishes that swap if a kill fell between them, and every write recovers first. Every
 * trainer's checkpoints go through here.
 */
public final class AtomicFolder {

    /** Fills the (empty) temporary folder. */
    @FunctionalInterface
    public interface Contents {
        void write(Path dir) throws IOException;
    }

    private AtomicFolder() {}

    /** Writes {@code dir} through {@code contents}, replacing it whole if it exists. */
    public static void write(Path dir, Contents contents) throws IOException {
        recover(dir);
        Path tmp = sibling(dir, ".tmp");
        Path old = sibling(dir, ".old");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        contents.write(tmp);
        if (Files.exists(dir)) {
            Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } else {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * Completes an interrupted replacement of {@code dir}: when only {@code .NAME.old} is left, the new folder
     * had been written in full (the old one is moved aside only then), so it is moved into place; leftovers of
     * an interrupted write are removed.
     */
    public static void recover(Path dir) throws IOException {
        Path tmp = sibling(dir, ".tmp");
        Path old = sibling(dir, ".old");
        if (!Files.exists(dir) && Files.exists(old)) {
            Files.move(Files.exists(tmp) ? tmp : old, dir, StandardCopyOption.ATOMIC_MOVE);
        }
        deleteTree(tmp);
        deleteTree(old);
    }

    private static Path sibling(Path dir, String suffix) {
        Path abs = dir.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + suffix);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
