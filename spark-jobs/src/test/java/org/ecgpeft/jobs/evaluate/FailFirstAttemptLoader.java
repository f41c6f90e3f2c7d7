package org.ecgpeft.jobs.evaluate;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.ecgpeft.train.AfClassifier;

/**
 * The real artifact loader whose model throws inside the first attempt of partition 1's task: a genuine
 * executor task failure in the middle of the evaluation, which Spark must retry.
 */
public final class FailFirstAttemptLoader implements ClassifierLoader {
    private static final long serialVersionUID = 1L;

    @Override
    public AfClassifier load(String checkpointUri, Configuration hadoop) throws IOException {
        AfClassifier real = new ArtifactLoader().load(checkpointUri, hadoop);
        return new AfClassifier() {
            @Override
            public double[] predictProbabilities(float[][] rawSegments) {
                TaskContext task = TaskContext.get();
                if (task != null && task.partitionId() == 1 && task.attemptNumber() == 0) {
                    throw new IllegalStateException("injected executor failure in partition 1, attempt 0");
                }
                return real.predictProbabilities(rawSegments);
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }
}
