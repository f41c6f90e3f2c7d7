package org.ecgpeft.signal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

/**
 * Time and heap the current thread spends on one fuzz case: a reader must answer every input within a
 * second and allocate no more than a small multiple of the bytes it was given.
 */
final class ReaderBudget {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final long MAX_NANOS = 1_000_000_000L;
    /** Fixed allowance for exception messages, stack traces and file-system objects. */
    private static final long BASE_BYTES = 4L << 20;

    private final long startNanos = System.nanoTime();
    private final long startBytes =
            THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());

    /** Fails naming {@code what} when the case took over a second or allocated over {@code 64 x inputBytes}. */
    void check(String what, long inputBytes) {
        long nanos = System.nanoTime() - startNanos;
        long bytes = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - startBytes;
        assertTrue(nanos < MAX_NANOS, what + ": took " + nanos / 1_000_000 + " ms");
        assertTrue(
                bytes < BASE_BYTES + 64 * inputBytes,
                what + ": allocated " + bytes + " bytes for " + inputBytes + " input bytes");
    }
}
