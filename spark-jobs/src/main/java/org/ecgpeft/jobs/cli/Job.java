package org.ecgpeft.jobs.cli;

import org.apache.spark.sql.SparkSession;
import org.ecgpeft.cli.Command;

/**
 * One pipeline job: a {@link Command} (name, options, validated config, parsed with the tools' picocli layer in
 * {@code org.ecgpeft.cli}) that runs in a Spark session. Arguments become an immutable, validated config before
 * Spark starts, so a bad option fails fast with a message naming it.
 *
 * @param <C> the job's config record
 */
public interface Job<C> extends Command<C> {
    /** Runs the job. */
    void run(SparkSession spark, C config) throws Exception;
}
