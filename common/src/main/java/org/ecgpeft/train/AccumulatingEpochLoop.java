package org.ecgpeft.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training epoch with gradient accumulation, as every trainer here runs it: the epoch's row order is cut
 * into micro-batches of {@code batchSize}; each group of {@code accumulationSteps} micro-batches (the last
 * group may be shorter) is one {@link AdamW#update} at the schedule's learning rate, with the global gradient
 * norm clipped to {@code maxGradNorm}. Every micro-batch's arrays live in their own sub-manager of the model's
 * manager; the loss is read back to the host (through {@link HostReads}, one read each time) only when progress
 * is due and at the end of the epoch.
 *
 * <p>A step whose loss or gradient is not finite never reaches the weights ({@link AdamW} skips it on the device)
 * and its loss is left out of the means; the skips are counted, logged at the end of the epoch, and when
 * {@value #MAX_NON_FINITE_IN_A_ROW} or more came in a row the run stops at the next read with an
 * {@link IllegalStateException} saying so (training cannot recover from that, and no checkpoint is written).
 *
 * <p>The caller owns what differs between models: the row order (shuffle, oversampling) and the loss of a
 * micro-batch. Build one per run (or per epoch, to measure progress per epoch) and call {@link #run} for
 * each epoch.
 */
public final class AccumulatingEpochLoop {

    private static final Logger LOG = LoggerFactory.getLogger(AccumulatingEpochLoop.class);

    /** Consecutive skipped (non-finite) steps that end the run. */
    public static final int MAX_NON_FINITE_IN_A_ROW = 10;

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
    private final HostReads reads;

    public AccumulatingEpochLoop(
            AdamW optimizer,
            LrSchedule schedule,
            ProgressLog progress,
            int batchSize,
            int accumulationSteps,
            double maxGradNorm,
            HostReads reads) {
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
        this.reads = reads;
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
            // Sums and counts of the finite micro-batch losses stay on the device so that a step never waits
            // for the host: [epoch sum, epoch count, window sum, window count].
            NDArray sums = epochScope.zeros(new Shape(4), DataType.FLOAT32);
            int mb = 0;
            while (mb < microBatches) {
                int group = Math.min(accumulationSteps, microBatches - mb);
                try (NDManager stepScope = modelManager.newSubManager()) {
                    NDArray stepLoss = stepScope.zeros(new Shape(), DataType.FLOAT32);
                    for (int j = 0; j < group; j++, mb++) {
                        int from = mb * batchSize;
                        int[] rows = Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length));
                        try (NDManager step = stepScope.newSubManager()) {
                            NDArray loss;
                            try (GradientCollector collector = engine.newGradientCollector()) {
                                loss = batchLoss.loss(step, rows);
                                // Each accumulated micro-batch carries 1/group of the optimizer step's mean loss.
                                collector.backward(loss.div((float) group));
                            }
                            stepLoss.addi(loss);
                        }
                    }
                    optimizer.update(schedule.lr(optimizer.steps()), maxGradNorm, stepLoss);
                    // A skipped step's micro-batches are left out of the loss means.
                    NDArray finite =
                            stepLoss.isNaN().logicalOr(stepLoss.isInfinite()).logicalNot();
                    NDArray counted = NDArrays.where(finite, stepLoss, stepScope.zeros(new Shape(), DataType.FLOAT32));
                    NDArray batches = finite.toType(DataType.FLOAT32, false).mul((float) group);
                    sums.addi(NDArrays.stack(new NDList(counted, batches, counted, batches)));
                }
                if (progress.due(optimizer.steps())) {
                    float[] now = readAndCheck(sums);
                    double window = now[2] / now[3];
                    progress.log(epoch, optimizer.steps(), window, schedule.lr(optimizer.steps() - 1));
                    onWindow.windowLoss(optimizer.steps(), window);
                    sums.set(new NDIndex("2:"), 0f);
                }
            }
            float[] end = readAndCheck(sums);
            if (end[4] > 0) {
                LOG.warn(
                        "{} optimizer steps skipped so far: non-finite loss or gradient (the weights were left as"
                                + " they were)",
                        (long) end[4]);
            }
            return end[0] / end[1];
        }
    }

    /**
     * One host read of the four loss sums with the optimizer's skip counters appended: [epoch sum, epoch count,
     * window sum, window count, skipped, current run, longest run]. Stops the run when the longest run of skipped steps reached the limit.
     */
    private float[] readAndCheck(NDArray sums) {
        try (NDArray both = NDArrays.concat(new NDList(sums, optimizer.nonFinite()))) {
            float[] v = reads.read(both);
            if (v[v.length - 1] >= MAX_NON_FINITE_IN_A_ROW) {
                throw new IllegalStateException("training stopped at optimizer step " + optimizer.steps() + ": "
                        + (long) v[v.length - 1] + " steps in a row had a non-finite (NaN or infinite) loss or"
                        + " gradient and were skipped; lower the learning rate or check the input data");
            }
            return v;
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
