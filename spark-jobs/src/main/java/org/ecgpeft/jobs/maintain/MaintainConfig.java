package org.ecgpeft.jobs.maintain;

import java.util.List;
import org.ecgpeft.lake.Table;

/**
 * Validated settings of the maintain job.
 *
 * @param tablesRoot          the Delta table root
 * @param tables              the tables to maintain (those that exist of them)
 * @param optimize            compact small files (OPTIMIZE)
 * @param vacuum              delete files no longer referenced by versions inside the retention (VACUUM)
 * @param retainHours         VACUUM retention asked for; lineage may lengthen it for ecg_records
 * @param allowShortRetention accept a retention below Delta's 168-hour safety minimum
 * @param dryRun              report what would be compacted and deleted, change nothing
 */
public record MaintainConfig(
        String tablesRoot,
        List<Table> tables,
        boolean optimize,
        boolean vacuum,
        double retainHours,
        boolean allowShortRetention,
        boolean dryRun) {
    /** Delta's own safety minimum for VACUUM: concurrent readers and recent time travel need the files. */
    public static final double SAFE_RETAIN_HOURS = 168;

    /** Validates the settings, naming the option at fault. */
    public MaintainConfig {
        if (tablesRoot == null || tablesRoot.isBlank()) {
            throw new IllegalArgumentException("--tables must name a table root");
        }
        if (tables == null || tables.isEmpty()) {
            throw new IllegalArgumentException("--table must name at least one table");
        }
        tables = List.copyOf(tables);
        if (!optimize && !vacuum) {
            throw new IllegalArgumentException("--no-optimize and --no-vacuum together leave nothing to do");
        }
        if (!(retainHours >= 0) || Double.isInfinite(retainHours)) {
            throw new IllegalArgumentException("--retain-hours must be a number >= 0, got " + retainHours);
        }
        if (retainHours < SAFE_RETAIN_HOURS && !allowShortRetention) {
            throw new IllegalArgumentException("--retain-hours " + retainHours + " is below Delta's safety minimum of "
                    + SAFE_RETAIN_HOURS + " h: a running reader or a time travel into that window would find its files "
                    + "gone. Pass --allow-short-retention if no job reads the lake meanwhile");
        }
    }
}
