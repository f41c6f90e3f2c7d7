package org.ecgpeft.jobs.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ecgpeft.train.AfClassifier;

/**
 * The plain loop the model stages are measured against: the same windows already in memory and the same
 * classifier, called from as many threads as the executors run tasks, each over its contiguous share in batches of
 * the jobs' size. No Spark, no Delta, no rows: what inference alone costs on this machine.
 */
final class PlainInference {
    private PlainInference() {}

    /**
     * @param windows       the windows scored
     * @param seconds       wall time of the loop
     * @param meanAfProbability the mean class-1 probability, a check that the loop scored what the jobs scored
     */
    record Result(int windows, double seconds, double meanAfProbability) {}

    static Result run(AfClassifier model, float[][] windows, int threads, int batchSize)
            throws InterruptedException, ExecutionException {
        double[] probs = new double[windows.length];
        int share = (windows.length + threads - 1) / threads;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int from = 0; from < windows.length; from += share) {
                int first = from;
                int end = Math.min(windows.length, from + share);
                parts.add(pool.submit(() -> {
                    for (int b = first; b < end; b += batchSize) {
                        int stop = Math.min(end, b + batchSize);
                        System.arraycopy(
                                model.predictProbabilities(Arrays.copyOfRange(windows, b, stop)),
                                0,
                                probs,
                                b,
                                stop - b);
                    }
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(
                windows.length, seconds, Arrays.stream(probs).average().orElse(Double.NaN));
    }
}
