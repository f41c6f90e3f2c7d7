package org.ecgpeft.lake;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Driver-side work on a thread of its own, to overlap what mostly waits (a Delta commit, a small Spark job's planning
 * and scheduling) with a job's main work. The thread is a daemon and inherits the caller's active Spark session.
 */
public final class Background {
    private Background() {}

    /** Starts {@code work} on a new daemon thread named {@code name}. */
    public static <T> CompletableFuture<T> start(String name, Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        });
    }

    /**
     * The work's result once it has ended; its failure is thrown as it was (an unchecked one) or as the cause of an
     * {@link IllegalStateException} naming {@code what} (a checked one that Scala code threw undeclared, such as
     * Spark's {@code AnalysisException}).
     */
    public static <T> T await(CompletableFuture<T> work, String what) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(what + " failed", e.getCause());
        }
    }
}
