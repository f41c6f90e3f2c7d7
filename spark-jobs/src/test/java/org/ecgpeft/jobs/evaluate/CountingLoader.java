package org.ecgpeft.jobs.evaluate;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.ecgpeft.train.AfClassifier;

/** The real artifact loader, counting loads in this JVM (tests run Spark locally, so executors share it). */
public final class CountingLoader implements ClassifierLoader {
    private static final long serialVersionUID = 1L;
    static final AtomicInteger LOADS = new AtomicInteger();

    @Override
    public AfClassifier load(String checkpointUri, Configuration hadoop) throws IOException {
        LOADS.incrementAndGet();
        return new ArtifactLoader().load(checkpointUri, hadoop);
    }
}
