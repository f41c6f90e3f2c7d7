package org.ecgpeft.train.encoder;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import org.ecgpeft.model.mscnn.MsCnn;
import org.ecgpeft.train.AfClassifier;

/**
 * A trained MS-CNN ({@link MsCnnCheckpoint} folder) as an {@link AfClassifier}: the stored windows go in as
 * they are, since they are already z-scored one by one like the training crops; evaluation mode, so BatchNorm
 * uses its running statistics. Calls are serialised.
 */
public final class MsCnnClassifier implements AfClassifier {

    private final MsCnn model;
    private final NDManager manager;
    private final String source;
    private final int batchSize;

    private MsCnnClassifier(MsCnn model, NDManager manager, String source, int batchSize) {
        this.model = model;
        this.manager = manager;
        this.source = source;
        this.batchSize = batchSize;
    }

    /**
     * Loads the checkpoint in {@code dir} onto {@code manager}'s device. The classifier owns a sub-manager of
     * {@code manager}, freed by {@link #close()}.
     *
     * @param batchSize windows per forward pass
     * @throws IllegalArgumentException when the head has other than 2 classes
     */
    public static MsCnnClassifier load(Path dir, NDManager manager, int batchSize) throws IOException {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        NDManager own = manager.newSubManager();
        try {
            MsCnn model = MsCnnCheckpoint.load(dir, own);
            if (model.config().numClasses() != 2) {
                throw new IllegalArgumentException("the MS-CNN " + dir + " has " + model.config().numClasses()
                        + " classes; an AF probability needs a normal-vs-AF head of 2");
            }
            return new MsCnnClassifier(model, own, dir.toString(), batchSize);
        } catch (IOException | RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /** Samples per window the model was trained on. */
    public int segmentLength() {
        return model.config().inputLength();
    }

    @Override
    public synchronized double[] predictProbabilities(float[][] rawSegments) {
        int length = segmentLength();
        for (int i = 0; i < rawSegments.length; i++) {
            if (rawSegments[i] == null || rawSegments[i].length != length) {
                throw new IllegalArgumentException("segment " + i + " has "
                        + (rawSegments[i] == null ? "no samples" : rawSegments[i].length + " samples")
                        + ", the MS-CNN " + source + " expects " + length);
            }
        }
        double[] probs = new double[rawSegments.length];
        for (int start = 0; start < rawSegments.length; start += batchSize) {
            int n = Math.min(batchSize, rawSegments.length - start);
            float[] flat = new float[n * length];
            for (int i = 0; i < n; i++) {
                System.arraycopy(rawSegments[start + i], 0, flat, i * length, length);
            }
            try (NDManager step = manager.newSubManager()) {
                float[] p = model.forward(step.create(flat, new Shape(n, 1, length)), false).logits().softmax(1)
                        .toFloatArray();
                for (int i = 0; i < n; i++) {
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
