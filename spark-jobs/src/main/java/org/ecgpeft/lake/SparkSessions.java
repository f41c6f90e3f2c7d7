package org.ecgpeft.lake;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds Spark sessions with Delta Lake configured. Local sessions bind to the loopback address and run
 * without the web UI, so they work on machines without a resolvable host name. Every session knows the SQL
 * function {@code ecg_samples(signal)} ({@link Floats}).
 */
public final class SparkSessions {
    private SparkSessions() {}

    /** A local session with {@code threads} cores and the given number of shuffle partitions (for tests). */
    public static SparkSession local(String appName, int threads, int shufflePartitions) {
        SparkConf conf = new SparkConf(false)
                .setMaster("local[" + threads + "]")
                .set("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions));
        return build(appName, withDefaults(conf));
    }

    /**
     * A session from the ambient configuration: {@code spark.*} system properties (set by spark-submit or
     * {@code -Dspark.master=...}); without a master it runs locally on all cores.
     */
    public static SparkSession fromConf(String appName) {
        SparkConf conf = new SparkConf(true);
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        if (!conf.contains("spark.sql.shuffle.partitions")
                && conf.get("spark.master").startsWith("local")) {
            // The default of 200 makes small local shuffles slow; two per core is plenty.
            conf.set(
                    "spark.sql.shuffle.partitions",
                    Integer.toString(2 * Runtime.getRuntime().availableProcessors()));
        }
        return build(appName, withDefaults(conf));
    }

    private static SparkConf withDefaults(SparkConf conf) {
        conf.setIfMissing("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        conf.setIfMissing("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        // Signals are distinct binary values of kilobytes: Parquet's dictionary attempt on them hashes and compares
        // every value only to fall back to plain encoding for each row group.
        conf.setIfMissing("spark.hadoop.parquet.enable.dictionary#signal", "false");
        // What the jobs cache is signal rows: binary columns the in-memory cache cannot compress, beside ids and hashes
        // that are all distinct, whose dictionary trial only costs CPU (ingest of 65,425 rows: 1-2 CPU s of ~9).
        conf.setIfMissing("spark.sql.inMemoryColumnarStorage.compressed", "false");
        // A task writing a partitioned table (segments by data version and split, features by data version) keeps
        // that many files open instead of first sorting all its rows by partition: it writes at most three here.
        conf.setIfMissing("spark.sql.maxConcurrentOutputFileWriters", "4");
        if (conf.get("spark.master").startsWith("local")) {
            // Delta rebuilds table state with 50 tasks by default; locally that costs more than the data.
            conf.setIfMissing(
                    "spark.databricks.delta.snapshotPartitions", conf.get("spark.sql.shuffle.partitions", "8"));
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        return conf;
    }

    /** The session, with the lake's SQL functions ({@code ecg_samples}) registered. */
    private static SparkSession build(String appName, SparkConf conf) {
        SparkSession spark =
                SparkSession.builder().appName(appName).config(conf).getOrCreate();
        Floats.registerSqlFunction(spark);
        return spark;
    }
}
