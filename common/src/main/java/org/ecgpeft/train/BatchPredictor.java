package org.ecgpeft.train;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.ecgpeft.model.nn.GradMode;

/** Runs a model over a dataset in evaluation mode and returns class-1 probabilities and the mean log-loss. */
public final class BatchPredictor {

    private final InputPreparer preparer;
    private final int batchSize;

    public BatchPredictor(InputPreparer preparer, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.preparer = preparer;
        this.batchSize = batchSize;
    }

    /**
     * Predictions over a dataset.
     *
     * @param probabilities softmax probability of class 1 per segment
     * @param loss mean (unweighted) cross-entropy
     */
    public record Predictions(double[] probabilities, double loss) {

        /** Hard predictions: the arg-max class, i.e. {@code p >= 0.5}. */
        public int[] labels() {
            return Arrays.stream(probabilities).mapToInt(p -> p >= 0.5 ? 1 : 0).toArray();
        }
    }

    public Predictions predict(TrainableModel model, SegmentDataset data) {
        int n = data.size();
        double[] probs = new double[n];
        double lossSum = 0;
        for (int start = 0; start < n; start += batchSize) {
            int[] rows = new int[Math.min(batchSize, n - start)];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = start + i;
            }
            try (NDManager step = model.manager().newSubManager()) {
                // One device-to-host copy per batch: the log-probabilities of both classes.
                float[] logp = GradMode.off(() -> model.forward(preparer.prepare(step, data, rows), false)
                        .logSoftmax(1)
                        .toFloatArray());
                int classes = logp.length / rows.length;
                if (classes != 2) {
                    throw new IllegalStateException("expected logits for 2 classes, got " + classes);
                }
                for (int i = 0; i < rows.length; i++) {
                    probs[start + i] = Math.exp(logp[i * 2 + 1]);
                    lossSum -= logp[i * 2 + data.labels()[start + i]];
                }
            }
        }
        return new Predictions(probs, lossSum / n);
    }
}
