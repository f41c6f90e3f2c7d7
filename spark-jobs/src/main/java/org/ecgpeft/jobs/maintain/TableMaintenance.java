package org.ecgpeft.jobs.maintain;

import io.delta.tables.DeltaTable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** OPTIMIZE and VACUUM of one Delta table of the lake, with its file counts before and after. */
final class TableMaintenance {
    private static final Logger LOG = LoggerFactory.getLogger(TableMaintenance.class);
    /** Delta's guard against a retention below 168 hours; lifted only for a run that was allowed to. */
    private static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";

    private static final String LISTING_PARALLELISM = "spark.sql.sources.parallelPartitionDiscovery.parallelism";

    private final SparkSession spark;
    private final Lake lake;

    TableMaintenance(SparkSession spark, Lake lake) {
        this.spark = spark;
        this.lake = lake;
    }

    /** Compacts and vacuums {@code table} as {@code config} says (a plan only counts), keeping {@code retainHours}. */
    MaintenanceResult maintain(Table table, MaintainConfig config, double retainHours) {
        TableFiles before = files(table);
        if (config.dryRun()) {
            // What VACUUM would delete now; compaction would add to it only after its own retention passes.
            return new MaintenanceResult(
                    table.tableName(),
                    lake.layoutChange(table),
                    before,
                    before,
                    retainHours,
                    config.vacuum() ? vacuum(table, retainHours, config.allowShortRetention(), true) : 0);
        }
        // A lake from before partitioning or the binary signal layout is laid out anew first, so OPTIMIZE compacts
        // the new layout's files.
        Lake.LayoutChange relaid = lake.migrateLayout(table);
        if (config.optimize()) {
            Row metrics = DeltaTable.forPath(spark, lake.path(table))
                    .optimize()
                    .executeCompaction()
                    .select("metrics.numFilesAdded", "metrics.numFilesRemoved")
                    .head();
            LOG.info(
                    "{}: OPTIMIZE wrote {} file(s) in place of {}",
                    table.tableName(),
                    metrics.getLong(0),
                    metrics.getLong(1));
        }
        long vacuumed = 0;
        if (config.vacuum()) {
            // Counted by a dry run first: Delta's VACUUM itself reports the count only in its log.
            vacuumed = vacuum(table, retainHours, config.allowShortRetention(), true);
            vacuum(table, retainHours, config.allowShortRetention(), false);
            LOG.info(
                    "{}: VACUUM deleted {} file(s) unreferenced for {} h",
                    table.tableName(),
                    vacuumed,
                    hours(retainHours));
        }
        return new MaintenanceResult(table.tableName(), relaid, before, files(table), retainHours, vacuumed);
    }

    private TableFiles files(Table table) {
        Row detail = DeltaTable.forPath(spark, lake.path(table))
                .detail()
                .select("numFiles", "sizeInBytes")
                .head();
        return new TableFiles(detail.getLong(0), detail.getLong(1));
    }

    /** Runs VACUUM (or its DRY RUN); returns the number of files listed by a dry run. */
    private long vacuum(Table table, double retainHours, boolean allowShort, boolean dryRun) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (allowShort) {
            settings.put(RETENTION_CHECK, "false");
        }
        if (!spark.conf().contains(LISTING_PARALLELISM)) {
            // VACUUM lists the table folder in that many tasks (Spark's default: 10,000); scaled to the cluster,
            // a small table takes seconds instead of minutes, a large one still lists in parallel.
            settings.put(
                    LISTING_PARALLELISM, String.valueOf(4 * spark.sparkContext().defaultParallelism()));
        }
        String sql = "VACUUM " + lake.sqlName(table) + " RETAIN " + hours(retainHours) + " HOURS"
                + (dryRun ? " DRY RUN" : "");
        return withSettings(settings, () -> spark.sql(sql).count());
    }

    private long withSettings(Map<String, String> settings, LongSupplier action) {
        Map<String, String> previous = new LinkedHashMap<>();
        settings.forEach((k, v) -> {
            previous.put(k, spark.conf().contains(k) ? spark.conf().get(k) : null);
            spark.conf().set(k, v);
        });
        try {
            return action.getAsLong();
        } finally {
            previous.forEach((k, v) -> {
                if (v == null) {
                    spark.conf().unset(k);
                } else {
                    spark.conf().set(k, v);
                }
            });
        }
    }

    /** Hours as VACUUM's grammar takes them: a plain decimal, never in exponent form. */
    private static String hours(double h) {
        return String.format(Locale.ROOT, "%.6f", h);
    }
}
