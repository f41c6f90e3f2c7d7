package org.ecgpeft.jobs.features;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.ecgpeft.jobs.encoder.CheckpointStore;
import org.ecgpeft.model.mscnn.MsCnn;
import org.ecgpeft.train.encoder.MsCnnCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frozen encoders loaded in this JVM, one per checkpoint location, loaded lazily on first use.
 *
 * <p>This is deliberately the only static mutable state of the jobs: Spark deserialises a task's function
 * anew for every task, so state held by the function would reload the model for every partition. A
 * JVM-wide map lets all tasks of one executor share one loaded encoder (the model is "shipped" once per
 * executor, as the DJL Spark extension does). The encoders are read-only after loading and live until the
 * JVM exits, like the executor itself.
 */
final class EncoderCache {
  private static final Logger LOG = LoggerFactory.getLogger(EncoderCache.class);
  private static final String THREADS = "ai.djl.pytorch.num_threads";
  private static final String INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";
  private static final Map<String, FrozenEncoder> LOADED = new ConcurrentHashMap<>();
  private static final AtomicInteger LOADS = new AtomicInteger();

  private EncoderCache() {}

  /** The encoder of {@code checkpoint} (a folder or Hadoop URI), loading it if this JVM has not yet. */
  static FrozenEncoder get(String checkpoint) {
    // computeIfAbsent blocks concurrent tasks asking for the same checkpoint until the one load finishes.
    return LOADED.computeIfAbsent(checkpoint, EncoderCache::load);
  }

  /** How many checkpoints this JVM has loaded so far (observable, so a test can check "once per JVM"). */
  static int loads() {
    return LOADS.get();
  }

  private static FrozenEncoder load(String checkpoint) {
    limitThreads();
    long start = System.nanoTime();
    NDManager manager = NDManager.newBaseManager();
    try {
      MsCnn model = MsCnnCheckpoint.load(CheckpointStore.localCopy(checkpoint), manager);
      LOADS.incrementAndGet();
      LOG.info("loaded MS-CNN encoder {} ({} parameters) on {} in {} ms", checkpoint, model.countParameters(false),
          manager.getDevice(), (System.nanoTime() - start) / 1_000_000);
      return new FrozenEncoder(model, manager);
    } catch (IOException e) {
      manager.close();
      throw new UncheckedIOException("cannot load the MS-CNN checkpoint " + checkpoint, e);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * Several tasks run in one executor JVM; if each let libtorch use every core the cores would be
   * oversubscribed many times over. Unless the user set them, give each task as many intra-op threads as
   * CPUs Spark reserves per task ({@code spark.task.cpus}, default 1) and one inter-op thread. The
   * properties are read when the PyTorch engine starts, so they only take effect if this is the first
   * DJL use in the JVM.
   */
  private static void limitThreads() {
    TaskContext task = TaskContext.get();
    int cpus = task == null ? 1 : Math.max(1, task.cpus());
    if (System.getProperty(THREADS) == null) {
      System.setProperty(THREADS, Integer.toString(cpus));
    }
    if (System.getProperty(INTEROP_THREADS) == null) {
      System.setProperty(INTEROP_THREADS, "1");
    }
  }
}
