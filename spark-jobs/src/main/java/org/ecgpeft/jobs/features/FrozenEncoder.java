package org.ecgpeft.jobs.features;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.ecgpeft.jobs.ml.ExecutorModelCache;
import org.ecgpeft.lake.runs.CheckpointStore;
import org.ecgpeft.model.mscnn.MsCnn;
import org.ecgpeft.model.nn.GradMode;
import org.ecgpeft.train.mscnn.MsCnnCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded, frozen MS-CNN that encodes batches of windows. Safe to share between the concurrent tasks of one
 * executor: the weights are only read, and every batch's arrays live in their own sub-manager.
 */
final class FrozenEncoder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FrozenEncoder.class);

    /** Features and AF probabilities of one batch. */
    record Encoded(float[][] features, double[] afProbabilities) {}

    private final MsCnn model;
    private final NDManager manager;

    FrozenEncoder(MsCnn model, NDManager manager) {
        this.model = model;
        this.manager = manager;
    }

    /**
     * This executor JVM's encoder of {@code checkpoint} (a folder or Hadoop URI), loaded on first use.
     *
     * @param hadoop the session's Hadoop configuration, to copy a remote checkpoint
     */
    static FrozenEncoder of(String checkpoint, Configuration hadoop) {
        return ExecutorModelCache.get("MS-CNN encoder " + checkpoint, () -> load(checkpoint, hadoop));
    }

    private static FrozenEncoder load(String checkpoint, Configuration hadoop) throws IOException {
        NDManager manager = NDManager.newBaseManager();
        try {
            MsCnn model = MsCnnCheckpoint.load(CheckpointStore.localCopy(checkpoint, hadoop), manager);
            LOG.info(
                    "MS-CNN encoder {}: {} parameters on {}",
                    checkpoint,
                    model.countParameters(false),
                    manager.getDevice());
            return new FrozenEncoder(model, manager);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Arrays held by the model's manager: constant after loading, so inference leaks nothing (checked in tests). */
    int managedArrays() {
        return manager.getManagedArrays().size();
    }

    /** Samples per window the encoder was trained on. */
    int inputLength() {
        return model.config().inputLength();
    }

    /** Width of one feature vector. */
    int featureDim() {
        return model.config().featureDim();
    }

    /**
     * Encodes {@code n} windows given row-major in {@code windows} ({@code n x inputLength}).
     *
     * @param withProbability also run the classification head (softmax AF probability)
     */
    Encoded encode(float[] windows, int n, boolean withProbability) {
        try (NDManager batch = manager.newSubManager()) {
            return GradMode.off(() -> encode(batch.create(windows, new Shape(n, 1, inputLength())), withProbability));
        }
    }

    private Encoded encode(NDArray x, boolean withProbability) {
        int n = Math.toIntExact(x.getShape().get(0));
        NDArray features;
        double[] probs = null;
        if (withProbability) {
            MsCnn.Output out = model.forward(x, false);
            features = out.features();
            probs = toDoubles(out.logits().softmax(1).get(":, 1").toFloatArray());
        } else {
            features = model.features(x, false);
        }
        float[] flat = features.toFloatArray();
        int dim = featureDim();
        float[][] rows = new float[n][dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * dim, rows[i], 0, dim);
        }
        return new Encoded(rows, probs);
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
