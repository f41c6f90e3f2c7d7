package org.ecgpeft.lake.runs;

import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * The local disk under the scheme {@code sessiononly:}, registered in one session's Hadoop configuration only
 * (as {@code spark.hadoop.fs.<scheme>.impl} would be on a cluster), never cached: code that reaches for a fresh
 * {@code new Configuration()} finds no file system for the scheme and fails, as it would lack S3 credentials.
 */
public final class SessionOnlyFileSystem extends RawLocalFileSystem {
    /** The scheme. */
    public static final String SCHEME = "sessiononly";

    /** Registers the scheme in {@code spark}'s Hadoop configuration. */
    public static void register(SparkSession spark) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        conf.set("fs." + SCHEME + ".impl", SessionOnlyFileSystem.class.getName());
        conf.setBoolean("fs." + SCHEME + ".impl.disable.cache", true);
    }

    /** {@code path} (absolute, local) as a URI of this file system. */
    public static String uri(java.nio.file.Path path) {
        return SCHEME + "://" + path.toAbsolutePath();
    }

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }
}
