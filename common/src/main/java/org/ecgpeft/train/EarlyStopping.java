package org.ecgpeft.train;

/**
 * Stops training when the validation metric (F1) has not improved by more than {@code minDelta} for
 * {@code patience} consecutive epochs. Mutable by design: one instance follows one run, and its state is
 * saved in checkpoints.
 */
public final class EarlyStopping {

    private final int patience;
    private final double minDelta;
    private double best = Double.NEGATIVE_INFINITY;
    private int bestEpoch = -1;
    private int badEpochs;

    /** @param patience epochs without improvement tolerated; 0 disables early stopping */
    public EarlyStopping(int patience, double minDelta) {
        if (patience < 0 || !(minDelta >= 0)) {
            throw new IllegalArgumentException(
                    "patience must be >= 0 and min delta >= 0, got " + patience + ", " + minDelta);
        }
        this.patience = patience;
        this.minDelta = minDelta;
    }

    /** Records the metric of {@code epoch}; returns true when it is a new best. */
    public boolean update(int epoch, double metric) {
        if (metric > best + minDelta || bestEpoch < 0) {
            best = metric;
            bestEpoch = epoch;
            badEpochs = 0;
            return true;
        }
        badEpochs++;
        return false;
    }

    public boolean shouldStop() {
        return patience > 0 && badEpochs >= patience;
    }

    public double best() {
        return best;
    }

    public int bestEpoch() {
        return bestEpoch;
    }

    public int badEpochs() {
        return badEpochs;
    }

    /** Restores state from a checkpoint. */
    public void restore(double bestMetric, int bestAt, int bad) {
        this.best = bestMetric;
        this.bestEpoch = bestAt;
        this.badEpochs = bad;
    }
}
