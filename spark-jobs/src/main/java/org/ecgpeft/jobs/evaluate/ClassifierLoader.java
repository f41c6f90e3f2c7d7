package org.ecgpeft.jobs.evaluate;

import java.io.IOException;
import java.io.Serializable;
import org.ecgpeft.train.AfClassifier;

/**
 * Rebuilds a trained classifier from its checkpoint URI ({@code ecg_models.checkpoint_uri}). Serializable
 * because Spark ships it to the executors, which load the model themselves.
 */
@FunctionalInterface
public interface ClassifierLoader extends Serializable {
    /** Loads the classifier at {@code checkpointUri}; the caller closes it. */
    AfClassifier load(String checkpointUri) throws IOException;
}
