package org.ecgpeft.jobs.sql;

import java.util.Optional;

/**
 * Validated settings of the sql job.
 *
 * @param tablesRoot the Delta table root whose tables become views
 * @param query      the Spark SQL statement
 * @param csvOut     write all result rows to this CSV file instead of printing
 * @param maxRows    most rows printed
 * @param maxWidth   widest printed cell (longer values are cut with "...")
 * @param write      allow statements that change tables; without it only reading statements run
 */
public record SqlConfig(
        String tablesRoot, String query, Optional<String> csvOut, int maxRows, int maxWidth, boolean write) {
    /** Validates the settings, naming the option at fault. */
    public SqlConfig {
        if (tablesRoot == null || tablesRoot.isBlank()) {
            throw new IllegalArgumentException("--tables must name a table root");
        }
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException(
                    "a SQL query is required, e.g. \"SELECT label, count(*) FROM ecg_records GROUP BY label\"");
        }
        if (maxRows <= 0) {
            throw new IllegalArgumentException("--max-rows must be > 0, got " + maxRows);
        }
        if (maxWidth < 8) {
            throw new IllegalArgumentException("--max-width must be >= 8, got " + maxWidth);
        }
    }
}
