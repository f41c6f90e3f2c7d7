package org.ecgpeft.jobs.evaluate;

import java.util.ConcurrentModificationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a Delta write that lost an optimistic-concurrency race (Delta's {@code ConcurrentAppendException},
 * {@code ConcurrentDeleteReadException}, ... all extend {@link ConcurrentModificationException}) with
 * exponential backoff and jitter. The action must be idempotent: our writes are MERGE upserts that recompute
 * what is new against the table as it is now, so a retry neither loses nor duplicates rows.
 *
 * @param maxAttempts  attempts in all (>= 1)
 * @param initialDelayMillis wait before the second attempt; doubled after each further conflict (>= 0)
 * @param observer     told of every attempt and every conflict (the job's own log lines are written anyway)
 */
public record ConflictRetry(int maxAttempts, long initialDelayMillis, Observer observer) {
    private static final Logger LOG = LoggerFactory.getLogger(ConflictRetry.class);

    /** Hears of the attempts and conflicts of retried writes, e.g. to count them. */
    public interface Observer {
        /** Observes nothing. */
        Observer NONE = new Observer() {};

        /** Attempt {@code attempt} (from 1) of the write named {@code what} is about to start. */
        default void attempting(String what, int attempt) {}

        /** Attempt {@code attempt} of {@code what} lost a race with a concurrent writer. */
        default void conflicted(String what, int attempt, ConcurrentModificationException conflict) {}
    }

    /** Validates the settings. */
    public ConflictRetry {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("--max-attempts must be >= 1, got " + maxAttempts);
        }
        if (initialDelayMillis < 0) {
            throw new IllegalArgumentException("retry delay must be >= 0 ms, got " + initialDelayMillis);
        }
        if (observer == null) {
            throw new IllegalArgumentException("observer must not be null (Observer.NONE observes nothing)");
        }
    }

    /** Retries without an observer. */
    public ConflictRetry(int maxAttempts, long initialDelayMillis) {
        this(maxAttempts, initialDelayMillis, Observer.NONE);
    }

    /** Runs {@code action}, retrying it after a concurrent-modification conflict; {@code what} names it in logs. */
    public <T> T run(String what, Supplier<T> action) {
        long delay = initialDelayMillis;
        for (int attempt = 1; ; attempt++) {
            observer.attempting(what, attempt);
            try {
                return action.get();
            } catch (ConcurrentModificationException e) {
                observer.conflicted(what, attempt, e);
                if (attempt >= maxAttempts) {
                    throw new IllegalStateException(
                            what + ": still conflicting with concurrent writers after " + attempt + " attempts: "
                                    + e.getMessage(),
                            e);
                }
                // Jitter keeps two writers that collided from colliding again in lock step.
                long wait = delay + ThreadLocalRandom.current().nextLong(delay + 1);
                LOG.warn(
                        "{}: concurrent write conflict ({}), attempt {} of {}, retrying in {} ms",
                        what,
                        e.getClass().getSimpleName(),
                        attempt,
                        maxAttempts,
                        wait);
                sleep(wait);
                delay = Math.max(1, delay * 2);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a Delta write", e);
        }
    }
}
