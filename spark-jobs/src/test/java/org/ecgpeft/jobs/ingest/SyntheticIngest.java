package org.ecgpeft.jobs.ingest;

import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** Ingests synthetic CinC-like records into a test lake: the set-up of the jobs' tests downstream of ingest. */
public final class SyntheticIngest {
    private SyntheticIngest() {}

    /** Runs ingest on {@code spec}'s records alone (no WFDB folder, no CSV) into the tables under {@code root}. */
    public static IngestSummary ingest(SparkSession spark, String root, SyntheticSpec spec, int partitions) {
        return new IngestJob()
                .ingest(
                        spark,
                        new IngestConfig(
                                root, Optional.empty(), Optional.empty(), 0, 300, Optional.of(spec), partitions));
    }
}
