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
 */
public record ConflictRetry(int maxAttempts, long initialDelayMillis) {
  private static final Logger LOG = LoggerFactory.getLogger(ConflictRetry.class);

  /** Validates the settings. */
  public ConflictRetry {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("--max-attempts must be >= 1, got " + maxAttempts);
    }
    if (initialDelayMillis < 0) {
      throw new IllegalArgumentException("retry delay must be >= 0 ms, got " + initialDelayMillis);
    }
  }

  /** Runs {@code action}, retrying it after a concurrent-modification conflict; {@code what} names it in logs. */
  public <T> T run(String what, Supplier<T> action) {
    long delay = initialDelayMillis;
    for (int attempt = 1; ; attempt++) {
      try {
        return action.get();
      } catch (ConcurrentModificationException e) {
        if (attempt >= maxAttempts) {
          throw new IllegalStateException(what + ": still conflicting with concurrent writers after "
              + attempt + " attempts: " + e.getMessage(), e);
        }
        // Jitter keeps two writers that collided from colliding again in lock step.
        long wait = delay + ThreadLocalRandom.current().nextLong(delay + 1);
        LOG.warn("{}: concurrent write conflict ({}), attempt {} of {}, retrying in {} ms", what,
            e.getClass().getSimpleName(), attempt, maxAttempts, wait);
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
