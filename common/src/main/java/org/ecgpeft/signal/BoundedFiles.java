package org.ecgpeft.signal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whole-file reads with a size cap checked before anything is allocated, so a file that is too large
 * (or a wrong file a header points at) is a clear {@link EcgFormatException}, never an OutOfMemoryError.
 */
final class BoundedFiles {

    /** Largest data file read into one array (the JVM's array limit, less a margin). */
    static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 16L;
    /** Largest header file: real WFDB headers are a few hundred bytes. */
    static final long MAX_HEADER_BYTES = 1L << 20;

    private BoundedFiles() {}

    /** The file's bytes; fails naming the file when it holds more than {@code maxBytes}. */
    static byte[] readAll(Path file, long maxBytes) throws IOException, EcgFormatException {
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new EcgFormatException(
                    file.toString(), "file has " + size + " bytes, more than the " + maxBytes + " this reader accepts");
        }
        return Files.readAllBytes(file);
    }
}
