package org.ecgpeft.jobs.evaluate;

import java.lang.reflect.InvocationTargetException;
import org.apache.hadoop.conf.Configuration;
import org.ecgpeft.jobs.ml.BatchPartition;
import org.ecgpeft.jobs.ml.ExecutorModelCache;
import org.ecgpeft.train.AfClassifier;

/**
 * The executor side of {@link SegmentPredictor}: appends {@code prob} and {@code pred} to every row, from this
 * executor JVM's one copy of the classifier.
 */
final class PartitionPredictor extends BatchPartition<AfClassifier> {
    private static final long serialVersionUID = 1L;

    private final String loaderClass;
    private final double threshold;

    /**
     * @param loaderClass the {@link ClassifierLoader} an executor loads the model with
     * @param threshold   {@code prob >= threshold} predicts 1
     */
    PartitionPredictor(
            String checkpoint,
            Configuration hadoop,
            String inputCol,
            int inputIndex,
            int batchSize,
            String loaderClass,
            double threshold) {
        super(checkpoint, hadoop, inputCol, inputIndex, batchSize);
        this.loaderClass = loaderClass;
        this.threshold = threshold;
    }

    @Override
    protected AfClassifier model() {
        // The loader is part of the key: two loaders of one folder are two models (a test's fault injector is one).
        return ExecutorModelCache.get(
                "classifier " + checkpoint() + " (" + loaderClass + ")",
                () -> loader(loaderClass).load(checkpoint(), hadoop()));
    }

    @Override
    protected Object[][] outputs(AfClassifier model, float[][] signals) {
        double[] probs = model.predictProbabilities(signals);
        if (probs.length != signals.length) {
            throw new IllegalStateException("model " + checkpoint() + " returned " + probs.length
                    + " probabilities for " + signals.length + " segments");
        }
        Object[][] out = new Object[probs.length][];
        for (int i = 0; i < probs.length; i++) {
            double p = probs[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalStateException(
                        "model " + checkpoint() + " returned probability " + p + " for segment " + i + " of a batch");
            }
            out[i] = new Object[] {p, p >= threshold ? 1 : 0};
        }
        return out;
    }

    /** An instance of a loader class (public, with a public no-argument constructor: checked on the driver). */
    static ClassifierLoader loader(String className) {
        try {
            return Class.forName(className)
                    .asSubclass(ClassifierLoader.class)
                    .getConstructor()
                    .newInstance();
        } catch (ClassNotFoundException
                | ClassCastException
                | NoSuchMethodException
                | InstantiationException
                | IllegalAccessException
                | InvocationTargetException e) {
            throw new IllegalArgumentException(
                    "loader " + className + " is not a ClassifierLoader with a public " + "no-argument constructor: "
                            + e,
                    e);
        }
    }
}
