package org.ecgpeft.lake;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;

/**
 * Counts taken while a write runs: Spark's observed metrics of the written plan, under a name of their own, read
 * once the write has returned. No extra Spark job, and the counts come from the write's final stage, whose tasks
 * Spark counts once each, so a retried task is not counted twice.
 */
public final class WrittenCounts {
    private final Observation observation;
    private final String what;

    /**
     * @param prefix start of the observation's name (a unique suffix is added)
     * @param what   what is counted, for the message of an interrupted wait
     */
    public WrittenCounts(String prefix, String what) {
        this.observation =
                new Observation(prefix + "_" + UUID.randomUUID().toString().replace('-', '_'));
        this.what = what;
    }

    /** {@code rows} counted by the given count columns as they pass; write rows of the returned ones. */
    public Dataset<Row> observe(Dataset<Row> rows, Column first, Column... rest) {
        return rows.observe(observation, first, rest);
    }

    /** The counts by column name. Call after the write has returned: it waits for Spark's report of it. */
    public Map<String, Long> get() {
        Map<String, Object> metrics;
        try {
            metrics = observation.getAsJava();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the counts of " + what, e);
        }
        Map<String, Long> counts = new TreeMap<>();
        metrics.forEach((name, n) -> counts.put(name, ((Number) n).longValue()));
        return counts;
    }
}
