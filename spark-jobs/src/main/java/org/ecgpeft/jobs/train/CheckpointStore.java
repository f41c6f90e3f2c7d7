package org.ecgpeft.jobs.train;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Where run artifacts live: {@code <root>/<run_id>}. DJL writes local files, so for a local root (a path or
 * {@code file:} URI) runs write in place; for a remote root (HDFS, S3, ...) they write to a local working
 * folder and each finished run is copied up.
 */
final class CheckpointStore {
    private final String root;
    private final boolean local;
    private final Configuration hadoop;
    private final Path workDir;

    CheckpointStore(String root, Configuration hadoop) throws IOException {
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        String scheme = URI.create(this.root.replace(" ", "%20")).getScheme();
        this.local = scheme == null || scheme.equals("file");
        this.hadoop = hadoop;
        this.workDir = local ? Path.of(local(this.root)) : Files.createTempDirectory("ecg-train-");
    }

    /** The local folder runs write into: the root itself, or a working folder for a remote root. */
    Path workDir() {
        return workDir;
    }

    /** Makes a finished run's folder available under the root and returns its URI for {@code ecg_models}. */
    String publish(String runId) throws IOException {
        Path src = workDir.resolve(runId);
        if (local) {
            return src.toAbsolutePath().toString();
        }
        org.apache.hadoop.fs.Path dst = new org.apache.hadoop.fs.Path(root + "/" + runId);
        FileSystem fs = dst.getFileSystem(hadoop);
        fs.delete(dst, true);
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(src.toUri()), dst);
        return dst.toString();
    }

    private static String local(String root) {
        return root.startsWith("file:") ? URI.create(root).getPath() : root;
    }
}
