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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.jobs.cli.Job;
import org.ecgpeft.jobs.ingest.IngestSummary;
import org.ecgpeft.jobs.preprocess.PreprocessResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench-ingest}: generates a segment CSV the size of the course data set (65,425 x 601 by default), or
 * takes a WFDB folder ({@code --wfdb}, e.g. CinC 2017), ingests it into a fresh table root and z-scores it into
 * segments, printing wall and CPU time and rows/s of each phase beside a plain one-thread Java loop over the same
 * input ({@link PlainJavaBaseline}), pandas' {@code read_csv} and numpy on the same CSV ({@link PandasBaseline}),
 * and the peak heap. The Spark session's start is reported apart (JVM uptime when the job begins), and by default
 * an unmeasured warm-up pass over a small CSV first compiles the code path, so the figures are steady state.
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
                "Benchmark: ingest and z-score a generated segment CSV (or a WFDB folder); prints rows/s beside a plain loop and pandas.",
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
                                "wfdb",
                                "DIR",
                                null,
                                "bench a WFDB folder (e.g. CinC 2017) instead of a generated CSV: ingest, then windows "
                                        + "of N and A records"),
                        Opt.value("window", "N", "2400", "with --wfdb: window length in samples"),
                        Opt.value("stride", "N", "1200", "with --wfdb: window stride in samples (short tails dropped)"),
                        Opt.value(
                                "python",
                                "CMD",
                                "python3",
                                "Python with pandas for the pandas baseline on the same file; none skips it"),
                        Opt.value(
                                "repeat",
                                "N",
                                "1",
                                "measured passes, each into a fresh table root after its own plain-loop and pandas runs; "
                                        + "figures are medians"),
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
                a.string("python").equals("none") ? Optional.empty() : Optional.of(a.string("python")),
                a.optional("wfdb"),
                a.integer("window"),
                a.integer("stride"),
                a.integer("repeat"));
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
            Workload w = Workload.csv(config, warmupCsv, 0);
            w.baseline();
            w.ingest(spark, warmup.resolve("lake").toString());
            w.preprocess(spark, warmup.resolve("lake").toString());
            warmupSeconds = (System.nanoTime() - w0) / 1e9;
            LOG.info("warm-up pass over {} rows: {} s", config.warmupRows(), String.format("%.1f", warmupSeconds));
        }
        long t0 = System.nanoTime();
        Workload work;
        if (config.wfdb().isPresent()) {
            work = Workload.wfdb(config, Paths.get(config.wfdb().get()));
        } else {
            Path csv = dir.resolve("segments.csv");
            long bytes = SegmentCsvWriter.write(csv, config.rows(), config.samples(), config.distinct(), config.seed());
            work = Workload.csv(config, csv, bytes);
        }
        double prepareSeconds = (System.nanoTime() - t0) / 1e9;
        List<Pass> passes = new ArrayList<>();
        for (int i = 1; i <= config.repeat(); i++) {
            Pass pass = Pass.run(spark, work, dir.resolve(config.repeat() == 1 ? "lake" : "lake-" + i));
            if (config.repeat() > 1) {
                LOG.info("pass {}/{}: {}", i, config.repeat(), pass.summary());
            }
            passes.add(pass);
        }
        // Figures are each the median over the passes: one slow pass on a shared machine moves none of them.
        Pass first = passes.get(0);
        long rows = first.rows();
        long segments = first.pre().segments();
        double seconds = median(passes, Pass::seconds);
        double ingestSeconds = median(passes, Pass::ingestSeconds);
        double zscoreSeconds = median(passes, Pass::zscoreSeconds);
        double baselineSeconds = median(passes, p -> p.baseline().seconds());
        PandasBaseline.Result pandas = first.pandas();
        double pandasSeconds = pandas.ran() ? median(passes, p -> p.pandas().seconds()) : Double.NaN;
        double vsPandas = pandas.ran() ? median(passes, p -> p.pandas().seconds() / p.seconds()) : Double.NaN;
        long peakHeap = Math.round(median(passes, p -> p.peakHeapBytes()));
        double ingestCpuSeconds = median(passes, Pass::ingestCpuSeconds);
        double zscoreCpuSeconds = median(passes, Pass::zscoreCpuSeconds);
        double vsBaseline = median(passes, p -> p.baseline().seconds() / p.seconds());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("input", work.name());
        figures.put("rows", rows);
        figures.put("columns", work.csv() ? config.samples() + 1 : null);
        figures.put("input_mb", round(work.bytes() / 1e6));
        figures.put("cores", spark.sparkContext().defaultParallelism());
        figures.put("valid", first.ingest().valid());
        figures.put("rejected", first.ingest().rejected());
        figures.put("segments", segments);
        figures.put("session_s", round(sessionSeconds));
        figures.put("warmup_rows", config.warmupRows());
        figures.put("warmup_s", round(warmupSeconds));
        figures.put("generate_s", work.csv() ? round(prepareSeconds) : null);
        figures.put("repeat", config.repeat());
        figures.put("ingest_s", round(ingestSeconds));
        figures.put("zscore_s", round(zscoreSeconds));
        figures.put("ingest_zscore_s", round(seconds));
        figures.put("rows_per_s", Math.round(rows / seconds));
        figures.put("segments_per_s", Math.round(segments / seconds));
        figures.put("ingest_cpu_s", round(ingestCpuSeconds));
        figures.put("zscore_cpu_s", round(zscoreCpuSeconds));
        figures.put("peak_heap_mb", Math.round(peakHeap / 1e6));
        figures.put("baseline_s", round(baselineSeconds));
        figures.put("baseline_rows_per_s", Math.round(first.baseline().rows() / baselineSeconds));
        figures.put("vs_baseline", round(vsBaseline));
        figures.put("pandas_version", pandas.ran() ? pandas.version() : null);
        figures.put("pandas_s", pandas.ran() ? round(pandasSeconds) : null);
        figures.put("pandas_rows_per_s", pandas.ran() ? Math.round(pandas.rows() / pandasSeconds) : null);
        figures.put("vs_pandas", pandas.ran() ? round(vsPandas) : null);
        if (config.repeat() > 1) {
            figures.put(
                    "ingest_zscore_s_all",
                    passes.stream().map(p -> round(p.seconds())).toList());
            figures.put(
                    "pandas_s_all",
                    pandas.ran()
                            ? passes.stream()
                                    .map(p -> round(p.pandas().seconds()))
                                    .toList()
                            : null);
        }
        String report = String.join(
                "\n",
                String.format(
                        "bench-ingest: %s (%,d inputs, %.0f MB), %d cores; Spark session up after %.1f s, "
                                + "warm-up pass (%,d CSV rows) %.1f s%s",
                        work.name(),
                        rows,
                        work.bytes() / 1e6,
                        spark.sparkContext().defaultParallelism(),
                        sessionSeconds,
                        config.warmupRows(),
                        warmupSeconds,
                        config.repeat() > 1 ? "; medians of " + config.repeat() + " passes" : ""),
                line("plain Java loop (1 thread)", first.baseline().rows(), baselineSeconds) + " read + " + work.cut()
                        + ", nothing stored",
                pandas.ran()
                        ? line("pandas " + pandas.version() + " + numpy", pandas.rows(), pandasSeconds)
                                + " read_csv + z-score, nothing stored"
                        : "  pandas baseline: not run (" + pandas.missing() + ")",
                line("ingest -> ecg_records", rows, ingestSeconds)
                        + String.format(
                                " (%,d valid, %,d rejected; %.1f CPU s)",
                                first.ingest().valid(), first.ingest().rejected(), ingestCpuSeconds),
                line("z-score -> ecg_segments", segments, zscoreSeconds, "segments")
                        + String.format(" (%.1f CPU s)", zscoreCpuSeconds),
                line("ingest + z-score", rows, seconds)
                        + String.format(
                                " (%.2fx the plain loop's rows/s%s; peak heap %,d MB)",
                                vsBaseline,
                                pandas.ran() ? String.format(", %.2fx pandas'", vsPandas) : "",
                                Math.round(peakHeap / 1e6)));
        if (config.json()) {
            LOG.info("\n{}", report);
            System.out.println(JSON.writeValueAsString(figures));
        } else {
            System.out.println(report);
        }
    }

    /**
     * One measured pass: the plain loop and pandas, then ingest and z-score into a fresh table root, back to back,
     * so a pass's figures share the machine's state of the moment.
     */
    private record Pass(
            PlainJavaBaseline.Result baseline,
            PandasBaseline.Result pandas,
            IngestSummary ingest,
            PreprocessResult pre,
            double ingestSeconds,
            double zscoreSeconds,
            double ingestCpuSeconds,
            double zscoreCpuSeconds,
            long peakHeapBytes) {
        static Pass run(SparkSession spark, Workload work, Path lakeDir) throws IOException {
            PlainJavaBaseline.Result baseline = work.baseline();
            PandasBaseline.Result pandas = work.pandas();
            HeapPeak heap = HeapPeak.start();
            long t1 = System.nanoTime();
            long c1 = processCpuNanos();
            String lake = lakeDir.toString();
            IngestSummary ingest = work.ingest(spark, lake);
            long t2 = System.nanoTime();
            long c2 = processCpuNanos();
            PreprocessResult pre = work.preprocess(spark, lake);
            long t3 = System.nanoTime();
            long c3 = processCpuNanos();
            return new Pass(
                    baseline,
                    pandas,
                    ingest,
                    pre,
                    (t2 - t1) / 1e9,
                    (t3 - t2) / 1e9,
                    (c2 - c1) / 1e9,
                    (c3 - c2) / 1e9,
                    heap.peakBytes());
        }

        double seconds() {
            return ingestSeconds + zscoreSeconds;
        }

        long rows() {
            return ingest.valid() + ingest.rejected();
        }

        String summary() {
            return String.format(
                    "ingest %.2f s + z-score %.2f s = %.2f s (%.1f + %.1f CPU s)%s",
                    ingestSeconds,
                    zscoreSeconds,
                    seconds(),
                    ingestCpuSeconds,
                    zscoreCpuSeconds,
                    pandas.ran() ? String.format("; pandas %.2f s", pandas.seconds()) : "");
        }
    }

    /** The median of a figure over the passes (the mean of the middle two for an even count). */
    private static double median(List<Pass> passes, ToDoubleFunction<Pass> figure) {
        double[] v = passes.stream().mapToDouble(figure).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
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
        return line(phase, rows, seconds, "rows");
    }

    private static String line(String phase, long count, double seconds, String unit) {
        return String.format("  %-28s %8.1f s %,12.0f %s/s", phase, seconds, count / seconds, unit);
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
