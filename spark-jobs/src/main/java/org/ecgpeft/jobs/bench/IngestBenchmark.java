package org.ecgpeft.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.jobs.cli.Job;
import org.ecgpeft.jobs.ingest.IngestConfig;
import org.ecgpeft.jobs.ingest.IngestJob;
import org.ecgpeft.jobs.ingest.IngestSummary;
import org.ecgpeft.jobs.preprocess.NormMode;
import org.ecgpeft.jobs.preprocess.PreprocessConfig;
import org.ecgpeft.jobs.preprocess.PreprocessJob;
import org.ecgpeft.jobs.preprocess.PreprocessResult;
import org.ecgpeft.jobs.preprocess.SplitPlan;
import org.ecgpeft.signal.PadPolicy;
import org.ecgpeft.signal.WindowSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench-ingest}: generates a segment CSV the size of the course data set (65,425 x 601 by default),
 * ingests it into a fresh table root and z-scores it into segments, printing wall and CPU time and rows/s
 * of each phase beside a plain one-thread Java loop over the same file ({@link PlainJavaBaseline}), and the
 * peak heap. The Spark session's start is reported apart (JVM uptime when the job begins), and by default an
 * unmeasured warm-up pass over a small file first compiles the code path, so the figures are steady state.
 */
public final class IngestBenchmark implements Job<BenchConfig> {
    private static final Logger LOG = LoggerFactory.getLogger(IngestBenchmark.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "bench-ingest";
    }

    @Override
    public Options options() {
        return new Options(
                name(),
                "Benchmark: generate a segment CSV, ingest and z-score it; prints rows/s.",
                null,
                List.of(
                        Opt.value("rows", "N", "65425", "CSV rows (segments)"),
                        Opt.value("samples", "N", "600", "samples per row (plus the label column)"),
                        Opt.value("distinct", "N", "2000", "distinct generated segments the rows cycle through"),
                        Opt.value(
                                "dir",
                                "DIR",
                                null,
                                "working folder, kept afterwards (default: a temporary folder, deleted)"),
                        Opt.value("partitions", "N", "0", "ingest parallelism; 0 = automatic"),
                        Opt.value("seed", "N", "7", "generator seed"),
                        Opt.value(
                                "warmup-rows",
                                "N",
                                "4000",
                                "rows of an unmeasured first pass (JIT and Spark codegen warm-up); "
                                        + "0 measures the first, cold pass"),
                        Opt.value(
                                "python",
                                "CMD",
                                "python3",
                                "Python with pandas for the pandas baseline on the same file; none skips it"),
                        Opt.flag("json", "print the figures as one JSON object (the text summary goes to the log)")));
    }

    @Override
    public BenchConfig configure(ParsedArgs a) {
        return new BenchConfig(
                a.integer("rows"),
                a.integer("samples"),
                a.integer("distinct"),
                a.optional("dir"),
                a.integer("partitions"),
                a.longValue("seed"),
                a.integer("warmup-rows"),
                a.flag("json"),
                a.string("python").equals("none") ? Optional.empty() : Optional.of(a.string("python")));
    }

    @Override
    public void run(SparkSession spark, BenchConfig config) throws IOException {
        Path dir = config.dir().isPresent()
                ? Files.createDirectories(Paths.get(config.dir().get()))
                : Files.createTempDirectory("ecg-bench-");
        try {
            measure(spark, config, dir);
        } finally {
            if (config.dir().isEmpty()) {
                deleteTree(dir);
            }
        }
    }

    private static void measure(SparkSession spark, BenchConfig config, Path dir) throws IOException {
        double sessionSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        double warmupSeconds = 0;
        if (config.warmupRows() > 0) {
            long w0 = System.nanoTime();
            Path warmup = Files.createDirectories(dir.resolve("warmup"));
            Path warmupCsv = warmup.resolve("segments.csv");
            SegmentCsvWriter.write(
                    warmupCsv, config.warmupRows(), config.samples(), config.distinct(), config.seed() + 1);
            PlainJavaBaseline.run(warmupCsv, config.samples());
            ingest(spark, config, warmupCsv, warmup.resolve("lake").toString());
            preprocess(spark, config, warmup.resolve("lake").toString());
            warmupSeconds = (System.nanoTime() - w0) / 1e9;
            LOG.info("warm-up pass over {} rows: {} s", config.warmupRows(), String.format("%.1f", warmupSeconds));
        }
        long t0 = System.nanoTime();
        Path csv = dir.resolve("segments.csv");
        long bytes = SegmentCsvWriter.write(csv, config.rows(), config.samples(), config.distinct(), config.seed());
        PlainJavaBaseline.Result baseline = PlainJavaBaseline.run(csv, config.samples());
        long p0 = System.nanoTime();
        PandasBaseline.Result pandas = config.python()
                .map(python -> PandasBaseline.run(python, csv))
                .orElse(PandasBaseline.Result.unavailable("--python none"));
        double pandasProcessSeconds = (System.nanoTime() - p0) / 1e9;
        HeapPeak heap = HeapPeak.start();
        long t1 = System.nanoTime();
        long c1 = processCpuNanos();
        String lake = dir.resolve("lake").toString();
        IngestSummary ingest = ingest(spark, config, csv, lake);
        long t2 = System.nanoTime();
        long c2 = processCpuNanos();
        PreprocessResult pre = preprocess(spark, config, lake);
        long t3 = System.nanoTime();
        long c3 = processCpuNanos();
        double seconds = (t3 - t1) / 1e9;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("rows", config.rows());
        figures.put("columns", config.samples() + 1);
        figures.put("csv_mb", round(bytes / 1e6));
        figures.put("cores", spark.sparkContext().defaultParallelism());
        figures.put("valid", ingest.valid());
        figures.put("rejected", ingest.rejected());
        figures.put("segments", pre.segments());
        figures.put("session_s", round(sessionSeconds));
        figures.put("warmup_rows", config.warmupRows());
        figures.put("warmup_s", round(warmupSeconds));
        figures.put("generate_s", round((t1 - t0) / 1e9 - baseline.seconds() - pandasProcessSeconds));
        figures.put("ingest_s", round((t2 - t1) / 1e9));
        figures.put("zscore_s", round((t3 - t2) / 1e9));
        figures.put("ingest_zscore_s", round(seconds));
        figures.put("rows_per_s", Math.round(config.rows() / seconds));
        figures.put("ingest_cpu_s", round((c2 - c1) / 1e9));
        figures.put("zscore_cpu_s", round((c3 - c2) / 1e9));
        figures.put("peak_heap_mb", Math.round(heap.peakBytes() / 1e6));
        figures.put("baseline_s", round(baseline.seconds()));
        figures.put("baseline_rows_per_s", Math.round(baseline.rows() / baseline.seconds()));
        figures.put("vs_baseline", round(baseline.seconds() / seconds));
        figures.put("pandas_version", pandas.ran() ? pandas.version() : null);
        figures.put("pandas_s", pandas.ran() ? round(pandas.seconds()) : null);
        figures.put("pandas_rows_per_s", pandas.ran() ? Math.round(pandas.rows() / pandas.seconds()) : null);
        figures.put("vs_pandas", pandas.ran() ? round(pandas.seconds() / seconds) : null);
        String report = String.join(
                "\n",
                String.format(
                        "bench-ingest: %,d rows x %d columns (%.0f MB), %d cores; Spark session up after %.1f s, "
                                + "warm-up pass (%,d rows) %.1f s",
                        config.rows(),
                        config.samples() + 1,
                        bytes / 1e6,
                        spark.sparkContext().defaultParallelism(),
                        sessionSeconds,
                        config.warmupRows(),
                        warmupSeconds),
                line("plain Java loop (1 thread)", baseline.rows(), baseline.seconds())
                        + " parse + z-score, nothing stored",
                pandas.ran()
                        ? line("pandas " + pandas.version() + " + numpy", pandas.rows(), pandas.seconds())
                                + " read_csv + z-score, nothing stored"
                        : "  pandas baseline: not run (" + pandas.missing() + ")",
                line("ingest CSV -> ecg_records", ingest.valid() + ingest.rejected(), (t2 - t1) / 1e9)
                        + String.format(
                                " (%,d valid, %,d rejected; %.1f CPU s)",
                                ingest.valid(), ingest.rejected(), (c2 - c1) / 1e9),
                line("z-score -> ecg_segments", pre.segments(), (t3 - t2) / 1e9)
                        + String.format(" (%.1f CPU s)", (c3 - c2) / 1e9),
                line("ingest + z-score", config.rows(), seconds)
                        + String.format(
                                " (%.2fx the plain loop's rows/s%s; peak heap %,d MB)",
                                baseline.seconds() / seconds,
                                pandas.ran() ? String.format(", %.2fx pandas'", pandas.seconds() / seconds) : "",
                                Math.round(heap.peakBytes() / 1e6)));
        if (config.json()) {
            LOG.info("\n{}", report);
            System.out.println(JSON.writeValueAsString(figures));
        } else {
            System.out.println(report);
        }
    }

    private static IngestSummary ingest(SparkSession spark, BenchConfig config, Path csv, String lake) {
        return new IngestJob()
                .ingest(
                        spark,
                        new IngestConfig(
                                lake,
                                Optional.empty(),
                                Optional.of(csv.toString()),
                                config.samples(),
                                SegmentCsvWriter.SAMPLE_RATE,
                                Optional.empty(),
                                config.partitions()));
    }

    private static PreprocessResult preprocess(SparkSession spark, BenchConfig config, String lake) {
        return new PreprocessJob()
                .preprocess(
                        spark,
                        new PreprocessConfig(
                                lake,
                                new WindowSpec(config.samples(), config.samples(), PadPolicy.ZERO_PAD),
                                NormMode.PER_SEGMENT,
                                new SplitPlan(0.75, 0.10, 0.15, 2017)));
    }

    /**
     * CPU time of this JVM in nanoseconds (all threads: in local mode the executors' tasks, GC and JIT too), or
     * -1 where the platform does not report it. On a shared machine a phase's CPU seconds move far less with
     * other processes' load than its wall time does.
     */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }

    /**
     * Peak heap use from a starting point on: the heap pools' peaks are reset at {@link #start()} and summed at
     * {@link #peakBytes()} (an upper bound of the true peak, since the pools need not peak at once).
     */
    private record HeapPeak(List<MemoryPoolMXBean> pools) {
        /** Resets the heap pools' peaks and starts watching them. */
        static HeapPeak start() {
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP)
                    .toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            return new HeapPeak(heap);
        }

        /** The sum of the heap pools' peak use since {@link #start()}. */
        long peakBytes() {
            return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String line(String phase, long rows, double seconds) {
        return String.format("  %-28s %8.1f s %,12.0f rows/s", phase, seconds, rows / seconds);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete benchmark folder " + dir, e);
        }
    }
}
