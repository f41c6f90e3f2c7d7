package org.ecgpeft.jobs.evaluate;

import java.io.IOException;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.ecgpeft.train.AfClassifier;

/**
 * Rebuilds a trained classifier from its checkpoint URI ({@code ecg_models.checkpoint_uri}). Serializable
 * because Spark ships it to the executors, which load the model themselves.
 */
@FunctionalInterface
public interface ClassifierLoader extends Serializable {
    /**
     * Loads the classifier at {@code checkpointUri}; the caller closes it.
     *
     * @param hadoop the session's Hadoop configuration (shipped to the executor), to read a remote checkpoint
     */
    AfClassifier load(String checkpointUri, Configuration hadoop) throws IOException;
}
