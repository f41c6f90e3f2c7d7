package org.ecgpeft.jobs.maintain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.jobs.cli.Job;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code maintain}: rewrites a table laid out by an older version with this version's partitioning, then
 * OPTIMIZE (compacts the small files that appends, MERGEs and streaming-sized batches leave)
 * and VACUUM (deletes files no version inside the retention needs) on the lake's tables. Safe by default:
 * Delta's 7-day retention, and {@code ecg_records} keeps every version a data version, a run or a
 * prediction still refers to, however old, so evaluation can always time-travel to a run's training records.
 */
public final class MaintainJob implements Job<MaintainConfig> {
    private static final Logger LOG = LoggerFactory.getLogger(MaintainJob.class);

    @Override
    public String name() {
        return "maintain";
    }

    @Override
    public Options options() {
        return new Options(
                name(),
                "Partition tables of an older layout, compact small files (OPTIMIZE) and delete "
                        + "unreferenced ones (VACUUM); ecg_records keeps every version the lineage refers to.",
                null,
                List.of(
                        Opt.value("tables", "DIR", "./ecg-lake", "Delta table root (local folder or Hadoop URI)"),
                        Opt.value("table", "NAMES", "all", "comma-separated tables to maintain (default: every table)"),
                        Opt.value("retain-hours", "H", "168", "VACUUM keeps files removed less than H hours ago"),
                        Opt.flag(
                                "allow-short-retention",
                                "accept --retain-hours below 168 (no reader may run meanwhile)"),
                        Opt.flag("no-optimize", "skip OPTIMIZE"),
                        Opt.flag("no-vacuum", "skip VACUUM"),
                        Opt.flag("plan", "print what would be compacted and deleted; change nothing")));
    }

    @Override
    public MaintainConfig configure(ParsedArgs a) {
        String names = a.string("table");
        List<Table> tables = names.equals("all")
                ? Arrays.asList(Table.values())
                : Arrays.stream(names.split(","))
                        .map(String::trim)
                        .map(MaintainJob::table)
                        .toList();
        return new MaintainConfig(
                a.string("tables"),
                tables,
                !a.flag("no-optimize"),
                !a.flag("no-vacuum"),
                a.real("retain-hours"),
                a.flag("allow-short-retention"),
                a.flag("plan"));
    }

    @Override
    public void run(SparkSession spark, MaintainConfig config) {
        for (MaintenanceResult r : maintain(spark, config)) {
            System.out.println(line(r, config.dryRun()));
        }
    }

    /** Maintains every existing table of {@code config}; returns one result per table, in order. */
    public List<MaintenanceResult> maintain(SparkSession spark, MaintainConfig config) {
        Lake lake = new Lake(spark, config.tablesRoot());
        TableMaintenance maintenance = new TableMaintenance(spark, lake);
        List<MaintenanceResult> results = new ArrayList<>();
        for (Table t : config.tables()) {
            if (!lake.exists(t)) {
                LOG.info("{}: not created yet, nothing to maintain", t.tableName());
                continue;
            }
            if (!config.dryRun()) {
                lake.applyProperties(t).forEach((k, v) -> LOG.info("{}: set {} = {}", t.tableName(), k, v));
            }
            double retain = config.retainHours();
            if (t == Table.ECG_RECORDS) {
                double lineage = new LineageRetention(lake)
                        .requiredHours(System.currentTimeMillis())
                        .orElse(0.0);
                if (lineage > retain) {
                    LOG.info(
                            "ecg_records: keeping {} h instead of {} h, back to the oldest records version a data "
                                    + "version refers to",
                            String.format(Locale.ROOT, "%.1f", lineage),
                            retain);
                    retain = lineage;
                }
            }
            results.add(maintenance.maintain(t, config, retain));
        }
        return results;
    }

    private static Table table(String name) {
        try {
            return Table.byName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--table: unknown table '" + name + "' (tables: "
                            + String.join(
                                    ", ",
                                    Arrays.stream(Table.values())
                                            .map(Table::tableName)
                                            .toList()) + ")",
                    e);
        }
    }

    private static String line(MaintenanceResult r, boolean plan) {
        String layout = (r.relaid().partitions()
                        ? (plan ? ", would be" : ",") + " partitioned by "
                                + Table.byName(r.table()).partitionColumns()
                        : "")
                + (r.relaid().signals() ? (plan ? ", signals would be" : ", signals") + " " + Floats.LAYOUT : "");
        return String.format(
                Locale.ROOT,
                "%-20s files %d -> %d, %.1f -> %.1f MiB, %s %d unreferenced file(s) " + "(retention %.1f h)%s",
                r.table(),
                r.before().files(),
                r.after().files(),
                r.before().bytes() / 1048576.0,
                r.after().bytes() / 1048576.0,
                plan ? "would delete" : "deleted",
                r.vacuumed(),
                r.retainHours(),
                layout);
    }
}
