package org.ecgpeft.train;

/**
 * Learning rate per optimizer step as HF transformers' {@code get_linear_schedule_with_warmup} /
 * {@code get_cosine_schedule_with_warmup}: linear warm-up from 0 over {@code warmupSteps}, then linear or
 * half-cosine decay to 0 at {@code totalSteps}. Step {@code k} is the number of optimizer steps already
 * taken, so the first update uses {@code lr(0)} (0 when there is warm-up, as in HF).
 *
 * @param kind decay shape after warm-up
 * @param peakLr learning rate reached at the end of warm-up
 * @param warmupSteps warm-up length in optimizer steps
 * @param totalSteps total optimizer steps of the run
 */
public record LrSchedule(Kind kind, double peakLr, long warmupSteps, long totalSteps) {

    /** Decay after warm-up. */
    public enum Kind {
        CONSTANT,
        LINEAR,
        COSINE
    }

    public LrSchedule {
        if (kind == null) {
            throw new IllegalArgumentException("schedule kind must be CONSTANT, LINEAR or COSINE");
        }
        if (!(peakLr > 0)) {
            throw new IllegalArgumentException("learning_rate must be positive, got " + peakLr);
        }
        if (warmupSteps < 0 || totalSteps <= 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException(
                    "need 0 <= warmup steps (" + warmupSteps + ") <= total steps (" + totalSteps + ") and total > 0");
        }
    }

    public double lr(long step) {
        if (step < warmupSteps) {
            return peakLr * step / Math.max(1, warmupSteps);
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        switch (kind) {
            case LINEAR:
                return peakLr * Math.max(0.0, 1 - progress);
            case COSINE:
                return peakLr * Math.max(0.0, 0.5 * (1 + Math.cos(Math.PI * progress)));
            default:
                return peakLr;
        }
    }
}
