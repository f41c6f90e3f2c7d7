package org.ecgpeft.jobs.cli;

import org.apache.spark.sql.SparkSession;

/**
 * One pipeline job. Arguments become an immutable, validated config before Spark starts, so a bad
 * option fails fast with a message naming it.
 *
 * @param <C> the job's config record
 */
public interface Job<C> {
    /** The command name, e.g. {@code ingest}. */
    String name();

    /** The job's options (and hence its {@code --help}). */
    Options options();

    /** Builds the validated config; throws {@link IllegalArgumentException} naming the bad option. */
    C configure(ParsedArgs args);

    /** Runs the job. */
    void run(SparkSession spark, C config) throws Exception;
}
