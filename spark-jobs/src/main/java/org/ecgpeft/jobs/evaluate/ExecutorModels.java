package org.ecgpeft.jobs.evaluate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ecgpeft.train.AfClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models loaded in this JVM, keyed by checkpoint URI: the one piece of static state of the evaluation.
 * It is static on purpose: all Spark tasks of an executor run in one JVM and share nothing else, a model load
 * costs seconds and native memory, and a broadcast variable cannot hold native handles. So the first task
 * that needs a model loads it and every later task (of any stage or job) in the JVM reuses it. The models
 * are closed when the JVM exits.
 */
final class ExecutorModels {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
  private static final Map<String, AfClassifier> LOADED = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "ecg-model-cache-close"));
  }

  private ExecutorModels() {}

  /** The model at {@code checkpointUri}, loaded with {@code loader} by the first caller in this JVM. */
  static AfClassifier get(String checkpointUri, ClassifierLoader loader) {
    // computeIfAbsent blocks concurrent tasks asking for the same model until the single load finishes.
    return LOADED.computeIfAbsent(checkpointUri, uri -> {
      try {
        return loader.load(uri);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load model " + uri, e);
      }
    });
  }

  private static void closeAll() {
    LOADED.forEach((uri, model) -> {
      try {
        model.close();
      } catch (RuntimeException e) {
        LOG.warn("closing model {} failed: {}", uri, e.getMessage());
      }
    });
    LOADED.clear();
  }
}
