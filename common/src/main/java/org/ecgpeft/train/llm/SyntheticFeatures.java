package org.ecgpeft.train.llm;

import java.util.Random;

/**
 * Two Gaussian clusters standing in for encoder features in the local proof: label {@code c} has mean
 * {@code (2c - 1) * separation / 2 * s} for a fixed random sign vector {@code s}, plus unit-variance noise.
 * The clusters are separable, so a model that reads the spliced feature can answer far above chance, and one
 * that ignores it cannot. AF is half of the rows (the proof is about the path, not about class imbalance).
 */
public final class SyntheticFeatures {

    private SyntheticFeatures() {}

    /**
     * @param n rows
     * @param dim feature width
     * @param separation distance of the two means per dimension, in noise standard deviations
     * @param seed fixes the direction, labels and noise; the same seed gives the same clusters
     */
    public static EcgFeatureSet generate(int n, int dim, double separation, long seed) {
        if (n < 2 || dim <= 0 || !(separation > 0)) {
            throw new IllegalArgumentException(
                    "need n >= 2, dim > 0 and separation > 0, got " + n + ", " + dim + ", " + separation);
        }
        Random direction = new Random(seed);
        float[] sign = new float[dim];
        for (int d = 0; d < dim; d++) {
            sign[d] = direction.nextBoolean() ? 1f : -1f;
        }
        Random rows = new Random(seed * 1_000_003L + 17);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rows.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        float[] features = new float[n * dim];
        for (int i = 0; i < n; i++) {
            float mean = (float) ((2 * labels[i] - 1) * separation / 2);
            for (int d = 0; d < dim; d++) {
                features[i * dim + d] = mean * sign[d] + (float) rows.nextGaussian();
            }
        }
        return new EcgFeatureSet(features, dim, labels, null);
    }
}
