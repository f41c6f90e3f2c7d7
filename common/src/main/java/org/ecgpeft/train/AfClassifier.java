package org.ecgpeft.train;

/**
 * A trained model that scores segments exactly as stored in {@code ecg_segments} (normalised, at the source
 * rate, one lead) with their atrial-fibrillation probability: what distributed evaluation needs from any
 * model family. Holds native memory until closed; one instance may serve several threads.
 */
public interface AfClassifier extends AutoCloseable {

    /**
     * Softmax probability of class 1 (AF) per segment, computed in batches on the model's device.
     *
     * @param rawSegments segments of the length the model was trained on
     * @throws IllegalArgumentException when a segment is missing or has another length
     */
    double[] predictProbabilities(float[][] rawSegments);

    /** Frees the model's arrays. */
    @Override
    void close();
}
