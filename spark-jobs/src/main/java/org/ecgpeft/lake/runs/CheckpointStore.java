package org.ecgpeft.lake.runs;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checkpoint folders on the table root's file system: {@code <table root>/checkpoints/<run id>}. The model
 * code reads and writes local folders, so a checkpoint on a remote file system (HDFS, S3) is staged in a
 * local temporary folder and copied with Hadoop's file system API.
 */
public final class CheckpointStore {
    private CheckpointStore() {}

    /**
     * Where the checkpoint of {@code runId} lives under the table root; local locations are made absolute
     * ({@code file:/...}) so executors and later jobs find them whatever their working directory.
     */
    public static String location(String tableRoot, String runId) {
        String location = new Path(new Path(tableRoot, "checkpoints"), runId).toString();
        return isLocal(location) ? localPath(location).toUri().toString() : location;
    }

    /** Whether a location is on the local file system (no scheme, or {@code file:}). */
    public static boolean isLocal(String location) {
        String scheme = new Path(location).toUri().getScheme();
        return scheme == null || scheme.equals("file");
    }

    /** The local folder to write a checkpoint into: the location itself when local, else a fresh temp folder. */
    public static java.nio.file.Path stagingDir(String location) throws IOException {
        return isLocal(location) ? localPath(location) : Files.createTempDirectory("ecg-checkpoint-");
    }

    /** Copies a checkpoint staged by {@link #stagingDir} to its remote location (nothing to do when local). */
    public static void publish(java.nio.file.Path staged, String location) throws IOException {
        if (isLocal(location)) {
            return;
        }
        Path target = new Path(location);
        FileSystem fs = target.getFileSystem(new Configuration());
        fs.delete(target, true);
        fs.copyFromLocalFile(false, true, new Path(staged.toUri()), target);
    }

    /** A local folder holding the checkpoint's files: the folder itself when local, else a copy in a temp folder. */
    public static java.nio.file.Path localCopy(String location) throws IOException {
        if (isLocal(location)) {
            return localPath(location);
        }
        java.nio.file.Path copy = Files.createTempDirectory("ecg-checkpoint-");
        Path source = new Path(location);
        FileSystem fs = source.getFileSystem(new Configuration());
        for (var status : fs.listStatus(source)) {
            if (status.isFile()) {
                fs.copyToLocalFile(
                        false,
                        status.getPath(),
                        new Path(copy.resolve(status.getPath().getName()).toUri()),
                        true);
            }
        }
        return copy;
    }

    private static java.nio.file.Path localPath(String location) {
        URI uri = new Path(location).toUri();
        return java.nio.file.Path.of(uri.getPath()).toAbsolutePath();
    }
}
