package org.ecgpeft.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Seeded damage to a checkpoint file and the contract every damaged copy must keep: reading it (open, then every
 * tensor) either succeeds or ends in an I/O error that names the file, within a second. Any other exception
 * (an overflow, an index out of bounds, an OutOfMemoryError from a huge declared size) fails the test.
 */
final class ReaderFuzz {

    /** Opens a file and reads every tensor it lists. */
    interface Reading {
        void readAll(Path file) throws IOException;
    }

    private static final long MAX_MILLIS = 1000;

    private final Path dir;
    private final Reading reading;
    private int failures;
    private int successes;

    ReaderFuzz(Path dir, Reading reading) {
        this.dir = dir;
        this.reading = reading;
    }

    /** Reads an intact file once untimed, so class loading and JIT warm-up do not count against the first case. */
    ReaderFuzz warmUp(byte[] intact, String name) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, intact);
        reading.readAll(file);
        Files.delete(file);
        return this;
    }

    /** Every cut of {@code seed} at {@code cuts} seeded lengths, each of which must fail. */
    ReaderFuzz truncations(byte[] seed, String name, int cuts, long randomSeed) throws IOException {
        Random random = new Random(randomSeed);
        for (int i = 0; i < cuts; i++) {
            int length = i == 0 ? 0 : random.nextInt(seed.length);
            expectFailure(Arrays.copyOf(seed, length), name + "-cut" + length);
        }
        return this;
    }

    /** {@code copies} copies of {@code seed} with 1 to 4 random bytes in [from, to) set to random values. */
    ReaderFuzz byteFlips(byte[] seed, String name, int from, int to, int copies, long randomSeed) throws IOException {
        Random random = new Random(randomSeed);
        for (int i = 0; i < copies; i++) {
            byte[] damaged = seed.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                damaged[from + random.nextInt(to - from)] = (byte) random.nextInt(256);
            }
            check(damaged, name + "-flip" + i, false);
        }
        return this;
    }

    /** A hand-made damaged file that must fail with a message naming the file and containing {@code expected}. */
    void expectFailure(byte[] content, String name, String expected) throws IOException {
        String message = check(content, name, true);
        assertTrue(message.contains(expected), name + ": " + message);
    }

    void expectFailure(byte[] content, String name) throws IOException {
        check(content, name, true);
    }

    int failures() {
        return failures;
    }

    int successes() {
        return successes;
    }

    private String check(byte[] content, String name, boolean mustFail) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        long start = System.nanoTime();
        String message = null;
        try {
            reading.readAll(file);
            successes++;
        } catch (IOException | UncheckedIOException e) {
            failures++;
            message = e.getMessage();
            assertTrue(message != null && message.contains(file.toString()), name + ": no file name in " + e);
        } catch (RuntimeException | OutOfMemoryError e) {
            fail(name + ": not a clear I/O error: " + e, e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < MAX_MILLIS, name + " took " + millis + " ms");
        if (mustFail && message == null) {
            fail(name + " was read without an error");
        }
        Files.delete(file);
        return message;
    }
}
