package org.ecgpeft.jobs.ingest;

import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.signal.SyntheticEcgGenerator;

/**
 * Synthetic ECG records generated on the executors: the index range is split into partitions and each
 * partition runs its own generator (records depend only on their index, so the result is deterministic).
 */
public final class SyntheticSource {
    /** Value of the {@code source} column for generated records. */
    public static final String SOURCE = "synthetic";

    private final SyntheticSpec spec;

    /** A source generating {@code spec.count()} records. */
    public SyntheticSource(SyntheticSpec spec) {
        this.spec = spec;
    }

    /** Outcome rows (see {@link IngestRows}), generated in {@code partitions} slices. */
    public JavaRDD<Row> rows(SparkSession spark, int partitions) {
        SyntheticSpec s = spec;
        return spark.range(0, s.count(), 1, partitions).toJavaRDD().mapPartitions(ids -> generate(s, ids));
    }

    /** Lazy, so a partition never holds more than one generated record at a time. */
    private static Iterator<Row> generate(SyntheticSpec spec, Iterator<Long> ids) {
        SyntheticEcgGenerator generator = new SyntheticEcgGenerator(spec.generatorConfig());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return ids.hasNext();
            }

            @Override
            public Row next() {
                int index = Math.toIntExact(ids.next());
                return IngestRows.record(generator.generate(index), generator.recordIdOf(index));
            }
        };
    }
}
