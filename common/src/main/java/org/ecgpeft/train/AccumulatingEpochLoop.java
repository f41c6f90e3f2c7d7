package org.ecgpeft.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;

/**
 * One training epoch with gradient accumulation, as every trainer here runs it: the epoch's row order is cut
 * into micro-batches of {@code batchSize}; each group of {@code accumulationSteps} micro-batches (the last
 * group may be shorter) is one {@link AdamW#update} at the schedule's learning rate, with the global gradient
 * norm clipped to {@code maxGradNorm}. Every micro-batch's arrays live in their own sub-manager of the model's
 * manager; the loss is read back to the host only when progress is due and at the end of the epoch.
 *
 * <p>The caller owns what differs between models: the row order (shuffle, oversampling) and the loss of a
 * micro-batch. Build one per run (or per epoch, to measure progress per epoch) and call {@link #run} for
 * each epoch.
 */
public final class AccumulatingEpochLoop {

    /** The mean loss of one micro-batch, computed in training mode on {@code step}'s arrays. */
    @FunctionalInterface
    public interface BatchLoss {
        NDArray loss(NDManager step, int[] rows);
    }

    /** Told the mean micro-batch loss since the last progress line, right after that line is logged. */
    @FunctionalInterface
    public interface WindowListener {
        void windowLoss(long step, double loss);
    }

    private final AdamW optimizer;
    private final LrSchedule schedule;
    private final ProgressLog progress;
    private final int batchSize;
    private final int accumulationSteps;
    private final double maxGradNorm;

    public AccumulatingEpochLoop(AdamW optimizer, LrSchedule schedule, ProgressLog progress, int batchSize,
                                 int accumulationSteps, double maxGradNorm) {
        if (batchSize < 1 || accumulationSteps < 1) {
            throw new IllegalArgumentException("batch_size (" + batchSize + ") and accumulation_steps ("
                    + accumulationSteps + ") must be at least 1");
        }
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.progress = progress;
        this.batchSize = batchSize;
        this.accumulationSteps = accumulationSteps;
        this.maxGradNorm = maxGradNorm;
    }

    /** Optimizer steps one epoch of {@code rows} rows takes: the schedule's length is built from this. */
    public static long stepsPerEpoch(int rows, int batchSize, int accumulationSteps) {
        return ceilDiv(ceilDiv(rows, batchSize), accumulationSteps);
    }

    /**
     * Trains one epoch over {@code order} (row indices, in the order they are fed).
     *
     * @param modelManager the model's manager: the per-epoch and per-step sub-managers are made from it
     * @param epoch the epoch number shown in the progress lines
     * @param onWindow told each logged window's mean loss (e.g. to add a curve point)
     * @return the mean micro-batch loss of the epoch
     */
    public double run(NDManager modelManager, int[] order, int epoch, BatchLoss batchLoss, WindowListener onWindow) {
        Engine engine = modelManager.getEngine();
        int microBatches = ceilDiv(order.length, batchSize);
        try (NDManager epochScope = modelManager.newSubManager()) {
            // Sums stay on the device so that a step never waits for the host.
            NDArray epochSum = epochScope.zeros(new Shape(), DataType.FLOAT32);
            NDArray windowSum = epochScope.zeros(new Shape(), DataType.FLOAT32);
            int windowBatches = 0;
            int mb = 0;
            while (mb < microBatches) {
                int group = Math.min(accumulationSteps, microBatches - mb);
                for (int j = 0; j < group; j++, mb++) {
                    int from = mb * batchSize;
                    int[] rows = Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length));
                    try (NDManager step = modelManager.newSubManager()) {
                        NDArray loss;
                        try (GradientCollector collector = engine.newGradientCollector()) {
                            loss = batchLoss.loss(step, rows);
                            // Each accumulated micro-batch carries 1/group of the optimizer step's mean loss.
                            collector.backward(loss.div((float) group));
                        }
                        epochSum.addi(loss);
                        windowSum.addi(loss);
                        windowBatches++;
                    }
                }
                optimizer.update(schedule.lr(optimizer.steps()), maxGradNorm);
                if (progress.due(optimizer.steps())) {
                    double window = windowSum.getFloat() / windowBatches;
                    progress.log(epoch, optimizer.steps(), window, schedule.lr(optimizer.steps() - 1));
                    onWindow.windowLoss(optimizer.steps(), window);
                    windowSum.muli(0);
                    windowBatches = 0;
                }
            }
            return epochSum.getFloat() / microBatches;
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
