package org.ecgpeft.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.ecgpeft.model.nn.GradMode;

/**
 * The part every {@link AfClassifier} shares: checks each segment's length, runs the model over batches in
 * evaluation mode with every batch's arrays in their own sub-manager, and keeps the class-1 softmax
 * probability. Subclasses say how a batch becomes logits, reading the model only. Concurrent calls are safe and
 * run in parallel: the tasks of a Spark executor share its one copy of the model, and serialising them left all but
 * one core idle ({@code evaluate} ran at the speed of one task). {@link #close()} frees the manager that holds the
 * model.
 */
public abstract class BatchedAfClassifier implements AfClassifier {

    private final NDManager manager;
    private final int batchSize;

    /**
     * @param manager holds the model's arrays; batches use sub-managers of it
     * @param batchSize segments per forward pass
     */
    protected BatchedAfClassifier(NDManager manager, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.manager = manager;
        this.batchSize = batchSize;
    }

    /** Samples per segment the model takes. */
    public abstract int segmentLength();

    /** The model as error messages name it, e.g. {@code the MS-CNN /path}. */
    protected abstract String describe();

    /** Logits ({@code n x 2}) of {@code batch} ({@code n} segments of {@link #segmentLength()}), on {@code step}. */
    protected abstract NDArray logits(NDManager step, float[][] batch);

    @Override
    public final double[] predictProbabilities(float[][] rawSegments) {
        int length = segmentLength();
        for (int i = 0; i < rawSegments.length; i++) {
            if (rawSegments[i] == null || rawSegments[i].length != length) {
                throw new IllegalArgumentException("segment " + i + " has "
                        + (rawSegments[i] == null ? "no samples" : rawSegments[i].length + " samples")
                        + ", " + describe() + " expects " + length);
            }
        }
        double[] probs = new double[rawSegments.length];
        for (int start = 0; start < rawSegments.length; start += batchSize) {
            float[][] batch = Arrays.copyOfRange(rawSegments, start, Math.min(start + batchSize, rawSegments.length));
            try (NDManager step = manager.newSubManager()) {
                float[] p = GradMode.off(() -> logits(step, batch).softmax(1).toFloatArray());
                for (int i = 0; i < batch.length; i++) {
                    probs[start + i] = p[i * 2 + 1];
                }
            }
        }
        return probs;
    }

    @Override
    public void close() {
        manager.close();
    }
}
