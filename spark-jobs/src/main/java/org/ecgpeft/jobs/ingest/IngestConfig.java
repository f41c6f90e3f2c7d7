package org.ecgpeft.jobs.ingest;

import java.util.Optional;

/**
 * Validated settings of the ingest job. At least one source is set; without an explicit one the job
 * generates synthetic records.
 *
 * @param tablesRoot  the Delta table root
 * @param wfdbDir     a WFDB record folder with REFERENCE.csv
 * @param csvFile     a segment CSV file (local path or Hadoop URI)
 * @param csvSamples  samples per CSV row, {@code <= 0}: inferred
 * @param csvRate     sampling rate of the CSV segments in Hz
 * @param synthetic   synthetic records to generate
 * @param partitions  read/generate parallelism, {@code <= 0}: twice Spark's default parallelism
 */
public record IngestConfig(String tablesRoot, Optional<String> wfdbDir, Optional<String> csvFile,
    int csvSamples, double csvRate, Optional<SyntheticSpec> synthetic, int partitions) {
  /** Validates the settings, naming the option at fault. */
  public IngestConfig {
    if (tablesRoot == null || tablesRoot.isBlank()) {
      throw new IllegalArgumentException("--tables must name a table root");
    }
    if (wfdbDir.isEmpty() && csvFile.isEmpty() && synthetic.isEmpty()) {
      throw new IllegalArgumentException("no source: give --wfdb, --csv or --synthetic");
    }
    if (!(csvRate > 0)) {
      throw new IllegalArgumentException("--csv-rate must be > 0 Hz, got " + csvRate);
    }
  }
}
