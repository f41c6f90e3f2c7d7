package org.ecgpeft.jobs.bench;

import java.util.Optional;

/**
 * Validated settings of the ingest benchmark.
 *
 * @param rows       CSV rows (segments) to generate
 * @param samples    samples per row
 * @param distinct   distinct generated segments the rows cycle through
 * @param dir        working folder (kept); empty: a temporary folder deleted afterwards
 * @param partitions ingest parallelism, {@code <= 0}: automatic
 * @param seed       generator seed
 * @param warmupRows rows of the unmeasured first pass that compiles the code path (JIT, codegen); 0: none
 * @param json       print the figures as one JSON object
 * @param python     the Python interpreter that runs the pandas baseline; empty: none
 * @param wfdb       a WFDB folder to bench instead of a generated CSV
 * @param window     window length of the WFDB bench's segments
 * @param stride     window stride of the WFDB bench's segments
 * @param repeat     measured passes (each figure is their median)
 */
public record BenchConfig(
        int rows,
        int samples,
        int distinct,
        Optional<String> dir,
        int partitions,
        long seed,
        int warmupRows,
        boolean json,
        Optional<String> python,
        Optional<String> wfdb,
        int window,
        int stride,
        int repeat) {
    /** Validates the settings, naming the option at fault. */
    public BenchConfig {
        if (rows <= 0) {
            throw new IllegalArgumentException("--rows must be > 0, got " + rows);
        }
        if (distinct <= 0) {
            throw new IllegalArgumentException("--distinct must be > 0, got " + distinct);
        }
        if (warmupRows < 0) {
            throw new IllegalArgumentException("--warmup-rows must be >= 0, got " + warmupRows);
        }
        if (window <= 0 || stride <= 0) {
            throw new IllegalArgumentException("--window and --stride must be > 0, got " + window + "/" + stride);
        }
        if (repeat <= 0) {
            throw new IllegalArgumentException("--repeat must be > 0, got " + repeat);
        }
        if (samples <= 0) {
            throw new IllegalArgumentException("--samples must be > 0, got " + samples);
        }
    }
}
