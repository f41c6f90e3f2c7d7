package org.ecgpeft.jobs.maintain;

import java.util.Optional;
import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.lake.runs.RunRegistry;

/**
 * How far back {@code ecg_records} must stay readable: every data version (segments, features, trained runs)
 * names the records version it was made from, and evaluation and prediction time-travel to it. VACUUM may
 * only delete records files removed before the oldest such version was written.
 */
final class LineageRetention {
    /** Tables whose data versions name a records version. */
    private static final Table[] REFERENCING = {Table.ECG_SEGMENTS, Table.ECG_FEATURES, Table.ECG_MODELS};

    private final Lake lake;

    LineageRetention(Lake lake) {
        this.lake = lake;
    }

    /** The oldest {@code ecg_records} version any data version refers to, if any does. */
    OptionalLong oldestReferencedVersion() {
        OptionalLong oldest = OptionalLong.empty();
        for (Table t : REFERENCING) {
            if (!lake.exists(t)) {
                continue;
            }
            for (Row r : lake.read(t).select("data_version").distinct().collectAsList()) {
                long v = RunRegistry.recordsVersion(r.getString(0));
                if (oldest.isEmpty() || v < oldest.getAsLong()) {
                    oldest = OptionalLong.of(v);
                }
            }
        }
        return oldest;
    }

    /**
     * Hours of history VACUUM must keep on {@code ecg_records} so the oldest referenced version stays readable:
     * its age (from its commit time) plus one hour of margin; empty when nothing refers to a records version.
     */
    Optional<Double> requiredHours(long nowMillis) {
        OptionalLong oldest = oldestReferencedVersion();
        if (oldest.isEmpty() || !lake.exists(Table.ECG_RECORDS)) {
            return Optional.empty();
        }
        Dataset<Row> commit = lake.history(Table.ECG_RECORDS)
                .filter("version = " + oldest.getAsLong())
                .select("timestamp");
        if (commit.isEmpty()) {
            // Its log entry is gone already: nothing VACUUM does can bring it back, so it needs no protection.
            return Optional.empty();
        }
        long committed = commit.head().getTimestamp(0).getTime();
        return Optional.of(Math.max(0, nowMillis - committed) / 3_600_000.0 + 1);
    }
}
