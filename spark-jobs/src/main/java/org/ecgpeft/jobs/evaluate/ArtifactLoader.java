package org.ecgpeft.jobs.evaluate;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.ecgpeft.train.study.ArtifactManifest;
import org.ecgpeft.train.study.SegmentClassifier;
import org.ecgpeft.train.study.SegmentClassifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the study's model artifacts ({@link SegmentClassifiers#load}) with DJL. A checkpoint on a local path
 * or {@code file:} URI is read in place; one on HDFS/S3 is first copied to a local temporary folder, because
 * the artifact readers memory-map local files.
 */
public final class ArtifactLoader implements ClassifierLoader {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ArtifactLoader.class);
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");

  @Override
  public SegmentClassifier load(String checkpointUri) throws IOException {
    Path dir = localDir(checkpointUri);
    NDManager manager = NDManager.newBaseManager();
    try {
      SegmentClassifier model = SegmentClassifiers.load(dir, manager);
      LOG.info("loaded {} ({} / {}) from {}", model.manifest().runId(), model.manifest().family().key(),
          model.manifest().peft().key(), checkpointUri);
      return new ManagedClassifier(model, manager);
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  private static Path localDir(String checkpointUri) throws IOException {
    // The train job records plain local paths (which may hold spaces, so they are not parsed as URIs).
    if (!SCHEME.matcher(checkpointUri).lookingAt()) {
      return Path.of(checkpointUri);
    }
    org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(checkpointUri);
    URI uri = remote.toUri();
    if (uri.getScheme().equals("file")) {
      return Path.of(uri.getPath());
    }
    FileSystem fs = remote.getFileSystem(new Configuration());
    if (!fs.exists(new org.apache.hadoop.fs.Path(remote, ArtifactManifest.FILE))) {
      throw new IOException("no " + ArtifactManifest.FILE + " under " + checkpointUri + " (not a model artifact)");
    }
    Path local = Files.createTempDirectory("ecg-artifact-");
    fs.copyToLocalFile(false, remote, new org.apache.hadoop.fs.Path(local.toUri()), true);
    return local.resolve(remote.getName());
  }

  /** Closes the loader's own base manager with the model, so nothing native outlives the handle. */
  private record ManagedClassifier(SegmentClassifier model, NDManager manager) implements SegmentClassifier {
    @Override
    public ArtifactManifest manifest() {
      return model.manifest();
    }

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
