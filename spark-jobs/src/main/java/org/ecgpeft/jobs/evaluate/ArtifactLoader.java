package org.ecgpeft.jobs.evaluate;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.ecgpeft.train.AfClassifier;

/**
 * Loads a run's model with DJL, choosing the reader by the folder's content ({@link CheckpointFormat}): a
 * PEFT-study artifact or an MS-CNN checkpoint. A checkpoint on a local path or {@code file:} URI is read in
 * place; one on HDFS/S3 is first copied to a local temporary folder, because the readers memory-map local files.
 */
public final class ArtifactLoader implements ClassifierLoader {
    private static final long serialVersionUID = 1L;
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");

    @Override
    public AfClassifier load(String checkpointUri) throws IOException {
        LocalCheckpoint local = localDir(checkpointUri);
        NDManager manager = NDManager.newBaseManager();
        try {
            return new ManagedClassifier(local.format().load(local.dir(), manager), manager);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** A checkpoint folder on the local file system and its format. */
    private record LocalCheckpoint(Path dir, CheckpointFormat format) {}

    private static LocalCheckpoint localDir(String checkpointUri) throws IOException {
        Optional<Path> inPlace = inPlace(checkpointUri);
        if (inPlace.isPresent()) {
            Path dir = inPlace.get();
            return new LocalCheckpoint(
                    dir, CheckpointFormat.of(checkpointUri, name -> Files.isRegularFile(dir.resolve(name))));
        }
        org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(checkpointUri);
        FileSystem fs = remote.getFileSystem(new Configuration());
        // Checked before copying: a wrong URI fails with the expected files named, not after a useless copy.
        CheckpointFormat format =
                CheckpointFormat.of(checkpointUri, name -> fs.exists(new org.apache.hadoop.fs.Path(remote, name)));
        Path copy = Files.createTempDirectory("ecg-artifact-");
        fs.copyToLocalFile(false, remote, new org.apache.hadoop.fs.Path(copy.toUri()), true);
        return new LocalCheckpoint(copy.resolve(remote.getName()), format);
    }

    /** The local folder of a plain path or {@code file:} URI; empty for a remote file system. */
    private static Optional<Path> inPlace(String checkpointUri) {
        // The train jobs record plain local paths (which may hold spaces, so they are not parsed as URIs).
        if (!SCHEME.matcher(checkpointUri).lookingAt()) {
            return Optional.of(Path.of(checkpointUri));
        }
        URI uri = new org.apache.hadoop.fs.Path(checkpointUri).toUri();
        return uri.getScheme().equals("file") ? Optional.of(Path.of(uri.getPath())) : Optional.empty();
    }

    /** Closes the loader's own base manager with the model, so nothing native outlives the handle. */
    private record ManagedClassifier(AfClassifier model, NDManager manager) implements AfClassifier {
        @Override
        public double[] predictProbabilities(float[][] rawSegments) {
            return model.predictProbabilities(rawSegments);
        }

        @Override
        public void close() {
            try {
                model.close();
            } finally {
                manager.close();
            }
        }
    }
}
