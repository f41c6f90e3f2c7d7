package org.ecgpeft.jobs.ingest;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Validated settings of the ingest job. At least one source is set; without an explicit one the job
 * generates synthetic records. A WFDB folder or local CSV file that does not exist is refused here, before
 * Spark starts.
 *
 * @param tablesRoot  the Delta table root
 * @param wfdbDir     a WFDB record folder with REFERENCE.csv
 * @param csvFile     a segment CSV file (local path or Hadoop URI)
 * @param csvSamples  samples per CSV row, {@code <= 0}: inferred
 * @param csvRate     sampling rate of the CSV segments in Hz
 * @param synthetic   synthetic records to generate
 * @param partitions  read/generate parallelism, {@code <= 0}: twice Spark's default parallelism
 */
public record IngestConfig(
        String tablesRoot,
        Optional<String> wfdbDir,
        Optional<String> csvFile,
        int csvSamples,
        double csvRate,
        Optional<SyntheticSpec> synthetic,
        int partitions) {
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
        wfdbDir.ifPresent(d -> {
            if (!Files.isDirectory(Path.of(d))) {
                throw new IllegalArgumentException("--wfdb " + d + ": no such directory");
            }
        });
        csvFile.ifPresent(f -> localPath(f).ifPresent(p -> {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("--csv " + f + ": no such file");
            }
        }));
    }

    /**
     * The local file a CSV location names (no scheme or {@code file:}); other file systems are checked when
     * the job reads them, with the Spark session's Hadoop settings.
     */
    private static Optional<Path> localPath(String location) {
        URI uri = new org.apache.hadoop.fs.Path(location).toUri();
        if (uri.getScheme() == null) {
            return Optional.of(Path.of(location));
        }
        return uri.getScheme().equals("file") ? Optional.of(Path.of(uri.getPath())) : Optional.empty();
    }
}
