package org.ecgpeft.lake.runs;

import java.io.IOException;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Where runs keep their checkpoints: {@code <root>/<run id>} on any Hadoop file system. The model code reads
 * and writes local folders, so a run under a remote root (HDFS, S3) is written to a local working folder and
 * copied up when it ends, and a remote checkpoint is copied to a local temporary folder to be read.
 *
 * <p>Remote copies go through the session's Hadoop configuration ({@code spark.hadoop.*}: credentials,
 * file system implementations), never a fresh {@code new Configuration()}, which would lack them; executors
 * get it shipped with their task (see {@code jobs.ml.BatchPartition}).
 *
 * <p>A local checkpoint is recorded as its absolute path (which may hold spaces), a remote one as its URI.
 */
public final class CheckpointStore {
    private final Path root;
    private final Configuration hadoop;
    private final java.nio.file.Path workDir;

    /**
     * A store under {@code root} (a local folder or Hadoop URI).
     *
     * @param hadoop the session's Hadoop configuration ({@code spark.sparkContext().hadoopConfiguration()})
     */
    public CheckpointStore(String root, Configuration hadoop) throws IOException {
        this.root = new Path(root);
        this.hadoop = hadoop;
        this.workDir = isLocal(root) ? localPath(root) : Files.createTempDirectory("ecg-checkpoints-");
    }

    /** The store of a table root, {@code <tables>/checkpoints}, with the session's Hadoop configuration. */
    public static CheckpointStore under(SparkSession spark, String tablesRoot) throws IOException {
        return new CheckpointStore(
                new Path(tablesRoot, "checkpoints").toString(),
                spark.sparkContext().hadoopConfiguration());
    }

    /** The local folder runs are written into: the root itself, or a working folder for a remote root. */
    public java.nio.file.Path workDir() {
        return workDir;
    }

    /** The local folder to write run {@code runId}'s checkpoint into ({@link #publish} makes it available). */
    public java.nio.file.Path stagingDir(String runId) {
        return workDir.resolve(runId);
    }

    /** Where run {@code runId}'s checkpoint lives once published: what {@code ecg_models} records. */
    public String location(String runId) {
        return isLocal(root.toString())
                ? stagingDir(runId).toAbsolutePath().toString()
                : new Path(root, runId).toString();
    }

    /** Copies a run's staged checkpoint to a remote root (nothing to do under a local one); returns its location. */
    public String publish(String runId) throws IOException {
        String location = location(runId);
        if (!isLocal(location)) {
            Path target = new Path(location);
            FileSystem fs = target.getFileSystem(hadoop);
            fs.delete(target, true);
            fs.copyFromLocalFile(false, true, new Path(stagingDir(runId).toUri()), target);
        }
        return location;
    }

    /** Whether a location is on the local file system (no scheme, or {@code file:}). */
    public static boolean isLocal(String location) {
        String scheme = new Path(location).toUri().getScheme();
        return scheme == null || scheme.equals("file");
    }

    /** Whether the checkpoint folder at {@code location} holds the file {@code name}, wherever it lives. */
    public static boolean hasFile(String location, String name, Configuration hadoop) throws IOException {
        if (isLocal(location)) {
            return Files.isRegularFile(localPath(location).resolve(name));
        }
        Path file = new Path(new Path(location), name);
        return file.getFileSystem(hadoop).exists(file);
    }

    /**
     * A local folder holding the checkpoint at {@code location}: the folder itself when local, else a copy (with
     * its subfolders) in a temporary folder.
     *
     * @param hadoop the session's Hadoop configuration, as the driver has it or as shipped to an executor
     */
    public static java.nio.file.Path localCopy(String location, Configuration hadoop) throws IOException {
        if (isLocal(location)) {
            return localPath(location);
        }
        Path source = new Path(location);
        java.nio.file.Path copy = Files.createTempDirectory("ecg-checkpoint-").resolve(source.getName());
        source.getFileSystem(hadoop).copyToLocalFile(false, source, new Path(copy.toUri()), true);
        return copy;
    }

    private static java.nio.file.Path localPath(String location) {
        return java.nio.file.Path.of(new Path(location).toUri().getPath()).toAbsolutePath();
    }
}
