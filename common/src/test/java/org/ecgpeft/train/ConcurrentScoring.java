package org.ecgpeft.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Spark runs an executor's tasks at once on the executor's one copy of a model: concurrent callers of an
 * {@link AfClassifier} must get exactly the probabilities of one caller, and leave no arrays on the model's manager.
 */
public final class ConcurrentScoring {
    private static final int THREADS = 4;
    private static final int CALLS = 16;

    private ConcurrentScoring() {}

    /** Scores {@code segments} alone, then {@value #CALLS} times from {@value #THREADS} threads at once. */
    public static void assertSameAsOneCaller(AfClassifier classifier, NDManager modelManager, float[][] segments)
            throws Exception {
        double[] alone = classifier.predictProbabilities(segments);
        int arrays = modelManager.getManagedArrays().size();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<double[]>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                calls.add(pool.submit(() -> classifier.predictProbabilities(segments)));
            }
            for (Future<double[]> call : calls) {
                assertArrayEquals(alone, call.get(2, TimeUnit.MINUTES), 0.0);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(arrays, modelManager.getManagedArrays().size(), "arrays left on the model's manager");
    }
}
