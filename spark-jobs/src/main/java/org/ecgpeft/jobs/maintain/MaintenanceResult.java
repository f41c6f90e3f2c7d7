package org.ecgpeft.jobs.maintain;

import org.ecgpeft.lake.Lake;

/**
 * What maintaining one table did (or, in a dry run, would do).
 *
 * @param table         the table name
 * @param relaid        what of its layout was rewritten to this version's (in a plan: would be)
 * @param before        its files before
 * @param after         its files after (equal to {@code before} in a dry run)
 * @param retainHours   the VACUUM retention used (lineage may have lengthened the one asked for)
 * @param vacuumed      files deleted (in a dry run: that would be deleted)
 */
public record MaintenanceResult(
        String table,
        Lake.LayoutChange relaid,
        TableFiles before,
        TableFiles after,
        double retainHours,
        long vacuumed) {
    /** Whether it was rewritten to the partitioning of this version (in a plan: would be). */
    public boolean repartitioned() {
        return relaid.partitions();
    }
}
