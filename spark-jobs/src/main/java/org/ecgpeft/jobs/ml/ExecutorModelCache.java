package org.ecgpeft.jobs.ml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models loaded in this JVM, one per key (a model kind and its checkpoint URI), loaded by the first task
 * that needs one and closed when the JVM exits.
 *
 * <p>This is deliberately the only static mutable state of the jobs: Spark deserialises a task's function anew
 * for every task and all tasks of an executor share nothing else, a load costs seconds and native memory, and
 * a broadcast variable cannot hold native handles. So the model is "shipped" once per executor JVM, as the DJL
 * Spark extension does; the models are read-only after loading.
 */
public final class ExecutorModelCache {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModelCache.class);
    private static final String THREADS = "ai.djl.pytorch.num_threads";
    private static final String INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";
    private static final Map<String, AutoCloseable> LOADED = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModelCache::closeAll, "ecg-model-cache-close"));
    }

    private ExecutorModelCache() {}

    /** Loads a model; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Loader<M extends AutoCloseable> {
        /** Loads the model. */
        M load() throws IOException;
    }

    /** The model under {@code key}, loaded with {@code loader} by the first caller in this JVM. */
    @SuppressWarnings("unchecked")
    public static <M extends AutoCloseable> M get(String key, Loader<M> loader) {
        // computeIfAbsent blocks concurrent tasks asking for the same model until the single load finishes.
        return (M) LOADED.computeIfAbsent(key, k -> {
            limitThreads();
            long start = System.nanoTime();
            try {
                M model = loader.load();
                LOADS.incrementAndGet();
                LOG.info("loaded {} in {} ms", k, (System.nanoTime() - start) / 1_000_000);
                return model;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load " + k, e);
            }
        });
    }

    /** How many models this JVM has loaded so far (observable, so a test can check "once per JVM"). */
    public static int loads() {
        return LOADS.get();
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

    private static void closeAll() {
        LOADED.forEach((key, model) -> {
            try {
                model.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", key, e.getMessage());
            }
        });
        LOADED.clear();
    }
}
