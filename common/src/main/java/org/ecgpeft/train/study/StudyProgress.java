package org.ecgpeft.train.study;

import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "run k of N" lines for a study, with the time the finished runs took and an estimate of the rest (their
 * mean duration times the runs left: runs of one study differ in size, so it is a guide, not a promise).
 */
public final class StudyProgress implements RunListener {
    private static final Logger LOG = LoggerFactory.getLogger(StudyProgress.class);

    private final int total;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private int started;
    private int finished;

    /** Progress over {@code total} runs, timed by {@code nanoClock} (e.g. {@code System::nanoTime}). */
    public StudyProgress(int total, LongSupplier nanoClock) {
        if (total < 1) {
            throw new IllegalArgumentException("a study has at least one run, got " + total);
        }
        this.total = total;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    @Override
    public void started(String runId) {
        started++;
        LOG.info("run {} of {}: {}", started, total, runId);
    }

    @Override
    public void finished(RunResult result) {
        LOG.info("{}", finish(result.runId()));
    }

    /** Counts a finished run; returns its line: its number, the elapsed time and the estimate of what is left. */
    String finish(String runId) {
        finished++;
        double elapsed = (nanoClock.getAsLong() - startNanos) / 1e9;
        int left = total - finished;
        String eta = left == 0
                ? "study done"
                : "ETA " + duration(elapsed / finished * left) + " for " + left + " more run" + (left == 1 ? "" : "s");
        return String.format(
                Locale.ROOT, "run %d of %d done (%s), %s elapsed, %s", finished, total, runId, duration(elapsed), eta);
    }

    /** Seconds as {@code 1h02m03s}, {@code 4m05s} or {@code 6s}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s % 3600 / 60, s % 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
