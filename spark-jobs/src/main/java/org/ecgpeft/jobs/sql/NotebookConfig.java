package org.ecgpeft.jobs.sql;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Validated settings of the notebook job.
 *
 * @param tablesRoot the Delta table root whose tables become views
 * @param notebooks  the notebook files, run in order
 * @param outDir     when present, each cell's full result goes to {@code <out>/<notebook>/<NN>-<title>.csv}
 * @param maxRows    most rows printed per cell
 * @param maxWidth   widest printed cell value
 */
public record NotebookConfig(
        String tablesRoot, List<Path> notebooks, Optional<Path> outDir, int maxRows, int maxWidth) {
    /** Validates the settings, naming the option at fault. */
    public NotebookConfig {
        if (tablesRoot == null || tablesRoot.isBlank()) {
            throw new IllegalArgumentException("--tables must name a table root");
        }
        notebooks = List.copyOf(notebooks);
        if (notebooks.isEmpty()) {
            throw new IllegalArgumentException("name at least one notebook file, e.g. notebooks/leaderboard.sql");
        }
        if (maxRows <= 0) {
            throw new IllegalArgumentException("--max-rows must be > 0, got " + maxRows);
        }
        if (maxWidth < 8) {
            throw new IllegalArgumentException("--max-width must be >= 8, got " + maxWidth);
        }
    }
}
