package org.ecgpeft.jobs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.jobs.cli.Job;
import org.ecgpeft.jobs.cli.Opt;
import org.ecgpeft.jobs.cli.Options;
import org.ecgpeft.jobs.cli.ParsedArgs;
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
 * ingests it into a fresh table root and z-scores it into segments, printing wall time and rows/s of
 * each phase.
 */
public final class IngestBenchmark implements Job<BenchConfig> {
  private static final Logger LOG = LoggerFactory.getLogger(IngestBenchmark.class);

  @Override
  public String name() {
    return "bench-ingest";
  }

  @Override
  public Options options() {
    return new Options(name(), "Benchmark: generate a segment CSV, ingest and z-score it; prints rows/s.", null,
        List.of(
            Opt.value("rows", "N", "65425", "CSV rows (segments)"),
            Opt.value("samples", "N", "600", "samples per row (plus the label column)"),
            Opt.value("distinct", "N", "2000", "distinct generated segments the rows cycle through"),
            Opt.value("dir", "DIR", null, "working folder, kept afterwards (default: a temporary folder, deleted)"),
            Opt.value("partitions", "N", "0", "ingest parallelism; 0 = automatic"),
            Opt.value("seed", "N", "7", "generator seed")));
  }

  @Override
  public BenchConfig configure(ParsedArgs a) {
    return new BenchConfig(a.integer("rows"), a.integer("samples"), a.integer("distinct"), a.optional("dir"), a.integer("partitions"),
        a.longValue("seed"));
  }

  @Override
  public void run(SparkSession spark, BenchConfig config) throws IOException {
    Path dir = config.dir().isPresent() ? Files.createDirectories(Paths.get(config.dir().get()))
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
    long t0 = System.nanoTime();
    Path csv = dir.resolve("segments.csv");
    long bytes = SegmentCsvWriter.write(csv, config.rows(), config.samples(), config.distinct(), config.seed());
    long t1 = System.nanoTime();
    String lake = dir.resolve("lake").toString();
    IngestSummary ingest = new IngestJob().ingest(spark, new IngestConfig(lake, Optional.empty(),
        Optional.of(csv.toString()), config.samples(), SegmentCsvWriter.SAMPLE_RATE, Optional.empty(),
        config.partitions()));
    long t2 = System.nanoTime();
    PreprocessResult pre = new PreprocessJob().preprocess(spark, new PreprocessConfig(lake,
        new WindowSpec(config.samples(), config.samples(), PadPolicy.ZERO_PAD), NormMode.PER_SEGMENT,
        new SplitPlan(0.75, 0.10, 0.15, 2017)));
    long t3 = System.nanoTime();
    String report = String.join("\n",
        String.format("bench-ingest: %,d rows x %d columns, %d cores", config.rows(), config.samples() + 1,
            spark.sparkContext().defaultParallelism()),
        line("generate CSV", config.rows(), t0, t1) + String.format(" (%.0f MB)", bytes / 1e6),
        line("ingest CSV -> ecg_records", ingest.valid() + ingest.rejected(), t1, t2)
            + String.format(" (%,d valid, %,d rejected)", ingest.valid(), ingest.rejected()),
        line("z-score -> ecg_segments", pre.segments(), t2, t3),
        line("ingest + z-score", config.rows(), t1, t3),
        String.format("  %-28s %8.1f s", "wall time (all)", (t3 - t0) / 1e9));
    LOG.info("\n{}", report);
    System.out.println(report);
  }

  private static String line(String phase, long rows, long from, long to) {
    double s = (to - from) / 1e9;
    return String.format("  %-28s %8.1f s %,12.0f rows/s", phase, s, rows / s);
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
