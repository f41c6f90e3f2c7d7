package org.ecgpeft.train.mscnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import org.ecgpeft.model.mscnn.MsCnn;
import org.ecgpeft.train.AfClassifier;
import org.ecgpeft.train.BatchedAfClassifier;

/**
 * A trained MS-CNN ({@link MsCnnCheckpoint} folder) as an {@link AfClassifier}: the stored windows go in as
 * they are, since they are already z-scored one by one like the training crops; evaluation mode, so BatchNorm
 * uses its running statistics.
 */
public final class MsCnnClassifier extends BatchedAfClassifier {

    private final MsCnn model;
    private final String source;

    private MsCnnClassifier(MsCnn model, NDManager manager, String source, int batchSize) {
        super(manager, batchSize);
        this.model = model;
        this.source = source;
    }

    /**
     * Loads the checkpoint in {@code dir} onto {@code manager}'s device. The classifier owns a sub-manager of
     * {@code manager}, freed by {@link #close()}.
     *
     * @param batchSize windows per forward pass
     * @throws IllegalArgumentException when the head has other than 2 classes
     */
    public static MsCnnClassifier load(Path dir, NDManager manager, int batchSize) throws IOException {
        NDManager own = manager.newSubManager();
        try {
            MsCnn model = MsCnnCheckpoint.load(dir, own);
            if (model.config().numClasses() != 2) {
                throw new IllegalArgumentException("the MS-CNN " + dir + " has "
                        + model.config().numClasses() + " classes; an AF probability needs a normal-vs-AF head of 2");
            }
            return new MsCnnClassifier(model, own, dir.toString(), batchSize);
        } catch (IOException | RuntimeException e) {
            own.close();
            throw e;
        }
    }

    @Override
    public int segmentLength() {
        return model.config().inputLength();
    }

    @Override
    protected String describe() {
        return "the MS-CNN " + source;
    }

    @Override
    protected NDArray logits(NDManager step, float[][] batch) {
        int length = segmentLength();
        float[] flat = new float[batch.length * length];
        for (int i = 0; i < batch.length; i++) {
            System.arraycopy(batch[i], 0, flat, i * length, length);
        }
        return model.forward(step.create(flat, new Shape(batch.length, 1, length)), false)
                .logits();
    }
}
