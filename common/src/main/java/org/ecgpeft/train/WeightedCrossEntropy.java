package org.ecgpeft.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Cross-entropy with optional class weights, as {@code torch.nn.functional.cross_entropy(weight=w)}: the
 * weighted mean {@code sum_i w[y_i] * -log p_i[y_i] / sum_i w[y_i]}.
 */
public final class WeightedCrossEntropy {

    private final float[] classWeights;

    /** @param classWeights one positive weight per class, or null for the plain mean */
    public WeightedCrossEntropy(float[] classWeights) {
        if (classWeights != null) {
            for (int c = 0; c < classWeights.length; c++) {
                if (!(classWeights[c] > 0) || Float.isInfinite(classWeights[c])) {
                    throw new IllegalArgumentException(
                            "class weight " + c + " must be positive and finite, got " + classWeights[c]);
                }
            }
        }
        this.classWeights = classWeights == null ? null : classWeights.clone();
    }

    /**
     * Balanced weights {@code n / (C * n_c)} (scikit-learn's "balanced"), so each class contributes equally.
     *
     * @throws IllegalArgumentException when a class has no example
     */
    public static float[] balancedWeights(int[] classCounts) {
        long n = 0;
        for (int count : classCounts) {
            n += count;
        }
        float[] w = new float[classCounts.length];
        for (int c = 0; c < classCounts.length; c++) {
            if (classCounts[c] == 0) {
                throw new IllegalArgumentException("class " + c + " has no training example; cannot weight it");
            }
            w[c] = (float) ((double) n / (classCounts.length * (double) classCounts[c]));
        }
        return w;
    }

    /** The loss of {@code logits} [B, C] against {@code labels}, scaled by {@code factor} (e.g. 1/accumulation). */
    public NDArray loss(NDArray logits, int[] labels, double factor) {
        NDManager manager = logits.getManager();
        int classes = (int) logits.getShape().get(1);
        float[] oneHotWeighted = new float[labels.length * classes];
        double weightSum = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(
                        "label " + labels[i] + " at row " + i + " is out of range for " + classes + " classes");
            }
            float w = classWeights == null ? 1f : classWeights[labels[i]];
            oneHotWeighted[i * classes + labels[i]] = w;
            weightSum += w;
        }
        // The weighted one-hot target is built on the host and sent with one copy; no sync is needed.
        NDArray target = manager.create(oneHotWeighted, new Shape(labels.length, classes));
        NDArray logp = logits.toType(DataType.FLOAT32, false).logSoftmax(1);
        return logp.mul(target).sum().mul((float) (-factor / weightSum));
    }
}
