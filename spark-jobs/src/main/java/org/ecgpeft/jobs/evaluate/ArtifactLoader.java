package org.ecgpeft.jobs.evaluate;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.ecgpeft.lake.runs.CheckpointStore;
import org.ecgpeft.train.AfClassifier;

/**
 * Loads a run's model with DJL, choosing the reader by the folder's content ({@link CheckpointFormat}): a
 * PEFT-study artifact or an MS-CNN checkpoint. A local checkpoint is read in place; one on HDFS/S3 is first
 * copied to a local temporary folder ({@link CheckpointStore#localCopy}), because the readers memory-map local
 * files.
 */
public final class ArtifactLoader implements ClassifierLoader {
    private static final long serialVersionUID = 1L;

    @Override
    public AfClassifier load(String checkpointUri, Configuration hadoop) throws IOException {
        // Checked before copying: a wrong URI fails with the expected files named, not after a useless copy.
        CheckpointFormat format =
                CheckpointFormat.of(checkpointUri, name -> CheckpointStore.hasFile(checkpointUri, name, hadoop));
        Path dir = CheckpointStore.localCopy(checkpointUri, hadoop);
        NDManager manager = NDManager.newBaseManager();
        try {
            return new ManagedClassifier(format.load(dir, manager), manager);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Closes the loader's own base manager with the model, so nothing native outlives the handle. */
    private record ManagedClassifier(AfClassifier model, NDManager manager) implements AfClassifier {
        @Override
        public double[] predictProbabilities(float[][] rawSegments) {
            return model.predictProbabilities(rawSegments);
        }

        @Override
        public void close() {
            try {
                model.close();
            } finally {
                manager.close();
            }
        }
    }
}
