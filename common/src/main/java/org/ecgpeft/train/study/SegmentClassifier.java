package org.ecgpeft.train.study;

/**
 * A trained segment classifier rebuilt from its artifact folder (see {@link SegmentClassifiers#load}): takes
 * segments exactly as stored in {@code ecg_segments} (normalised, at the source rate, one lead) and returns
 * the AF probability of each. Holds native memory until closed; one instance may serve several threads (calls
 * are serialised).
 */
public interface SegmentClassifier extends AutoCloseable {

    /** What the model is and how its input is prepared. */
    ArtifactManifest manifest();

    /**
     * Softmax probability of class 1 (AF) per segment, computed in batches on the model's device.
     *
     * @param rawSegments segments of {@code manifest().input().segmentLength()} samples each
     * @throws IllegalArgumentException when a segment has another length
     */
    double[] predictProbabilities(float[][] rawSegments);

    /** Frees the model's arrays. */
    @Override
    void close();
}
