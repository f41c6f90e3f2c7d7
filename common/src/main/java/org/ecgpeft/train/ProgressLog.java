package org.ecgpeft.train;

import org.slf4j.Logger;

/** Logs training progress (step, loss, steps/s, ETA) every N optimizer steps. */
public final class ProgressLog {

    private final Logger log;
    private final int every;
    private final long totalSteps;
    private final long startNanos = System.nanoTime();
    private long firstStep = -1;

    public ProgressLog(Logger log, int every, long totalSteps) {
        this.log = log;
        this.every = every;
        this.totalSteps = totalSteps;
    }

    public boolean due(long step) {
        if (firstStep < 0) {
            firstStep = step - 1;
        }
        return step % every == 0;
    }

    public void log(int epoch, long step, double loss, double lr) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double rate = (step - firstStep) / Math.max(seconds, 1e-9);
        double eta = (totalSteps - step) / Math.max(rate, 1e-9);
        log.info(String.format(
                "epoch %d step %d/%d: loss %.4f, lr %.3g, %.2f steps/s, ETA %.0f s",
                epoch, step, totalSteps, loss, lr, rate, eta));
    }
}
