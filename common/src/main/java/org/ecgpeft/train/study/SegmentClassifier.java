package org.ecgpeft.train.study;

import org.ecgpeft.train.AfClassifier;

/**
 * A trained PEFT-study classifier rebuilt from its artifact folder (see {@link SegmentClassifiers#load}):
 * an {@link AfClassifier} that also tells what it is. Its segments have
 * {@code manifest().input().segmentLength()} samples; calls are serialised.
 */
public interface SegmentClassifier extends AfClassifier {

    /** What the model is and how its input is prepared. */
    ArtifactManifest manifest();
}
