package org.ecgpeft.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
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

/**
 * What {@code bench-ingest} times: one input (a segment CSV, or a WFDB folder such as CinC 2017), how the
 * pipeline ingests and cuts it, and the plain loop (and, for a CSV, pandas) it is measured against.
 *
 * @param name   what the input is, for the report
 * @param input  the CSV file or WFDB folder
 * @param bytes  the input's size
 * @param window the segments' window; a CSV row is one window of its own length
 * @param config the bench settings
 * @param csv    whether the input is a segment CSV (else a WFDB folder)
 */
record Workload(String name, Path input, long bytes, WindowSpec window, BenchConfig config, boolean csv) {
    /** A segment CSV of {@code config.samples()} samples and a label per row. */
    static Workload csv(BenchConfig config, Path csv, long bytes) {
        return new Workload(
                "segment CSV " + csv.getFileName() + ", " + (config.samples() + 1) + " columns",
                csv,
                bytes,
                new WindowSpec(config.samples(), config.samples(), PadPolicy.ZERO_PAD),
                config,
                true);
    }

    /** A WFDB folder, cut into {@code config.window()}-sample windows; short tails dropped, as the CinC study does. */
    static Workload wfdb(BenchConfig config, Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--wfdb " + folder + ": no such directory");
        }
        long bytes;
        try (Stream<Path> files = Files.list(folder)) {
            bytes = files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
        return new Workload(
                "WFDB folder " + folder,
                folder,
                bytes,
                new WindowSpec(config.window(), config.stride(), PadPolicy.DROP),
                config,
                false);
    }

    /** How the plain loop cuts the input, for the report. */
    String cut() {
        return csv() ? "z-score" : "windows of N and A + z-score";
    }

    /** The plain one-thread loop over the same input. */
    PlainJavaBaseline.Result baseline() throws IOException {
        return csv() ? PlainJavaBaseline.run(input, config.samples()) : PlainJavaBaseline.runWfdb(input, window);
    }

    /** pandas on the same CSV; not run for a WFDB folder (pandas has no reader for it). */
    PandasBaseline.Result pandas() {
        if (!csv()) {
            return PandasBaseline.Result.unavailable("pandas reads no WFDB");
        }
        return config.python()
                .map(python -> PandasBaseline.run(python, input))
                .orElse(PandasBaseline.Result.unavailable("--python none"));
    }

    /** {@code ingest} of the input into the table root {@code lake}. */
    IngestSummary ingest(SparkSession spark, String lake) {
        return new IngestJob()
                .ingest(
                        spark,
                        new IngestConfig(
                                lake,
                                csv() ? Optional.empty() : Optional.of(input.toString()),
                                csv() ? Optional.of(input.toString()) : Optional.empty(),
                                config.samples(),
                                SegmentCsvWriter.SAMPLE_RATE,
                                Optional.empty(),
                                config.partitions()));
    }

    /** Per-segment {@code preprocess} of what {@link #ingest} wrote. */
    PreprocessResult preprocess(SparkSession spark, String lake) {
        return new PreprocessJob()
                .preprocess(
                        spark,
                        new PreprocessConfig(
                                lake, window, NormMode.PER_SEGMENT, new SplitPlan(0.75, 0.10, 0.15, 2017)));
    }
}
