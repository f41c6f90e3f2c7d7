package org.ecgpeft.jobs.report;

import java.nio.file.Path;
import org.ecgpeft.report.ReportSettings;

/**
 * Validated settings of the report job.
 *
 * @param tablesRoot the Delta table root
 * @param outDir     local folder for {@code report.md} and {@code figures/}
 * @param settings   which split, level and metric the comparisons use
 */
public record ReportConfig(String tablesRoot, Path outDir, ReportSettings settings) {
    /** Validates the settings, naming the option at fault. */
    public ReportConfig {
        if (tablesRoot == null || tablesRoot.isBlank()) {
            throw new IllegalArgumentException("--tables must name a table root");
        }
        if (outDir == null) {
            throw new IllegalArgumentException("--out must name a folder");
        }
        if (settings == null) {
            throw new IllegalArgumentException("report settings must be given");
        }
    }

    /**
     * The default output folder {@code <table root>/report}, which needs a local table root; on HDFS/S3 the
     * report (Markdown + PNG for people to open) must be given a local {@code --out}.
     */
    public static Path defaultOut(String tablesRoot) {
        java.net.URI uri = new org.apache.hadoop.fs.Path(tablesRoot).toUri();
        if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
            throw new IllegalArgumentException(
                    "--out is required when --tables is not a local folder (" + tablesRoot + ")");
        }
        return Path.of(uri.getPath()).resolve("report");
    }
}
