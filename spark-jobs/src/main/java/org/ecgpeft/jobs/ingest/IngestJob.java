package org.ecgpeft.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.jobs.cli.Job;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ingest}: reads WFDB folders, segment CSVs and/or synthetic records on the executors into
 * {@code ecg_records}, and every bad input into {@code ecg_rejects} with its reason: each input is either
 * a record or a reject. A record id already stored from another source with different content is rejected
 * (see {@link RecordIdConflicts}), never overwritten. Both writes are MERGE upserts, so re-ingesting the
 * same input changes nothing. A source that does not exist fails the job before anything is written.
 */
public final class IngestJob implements Job<IngestConfig> {
    private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);
    private static final int DEFAULT_SYNTHETIC = 400;
    private static final int REASONS_SHOWN = 10;

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public Options options() {
        return new Options(
                name(),
                "Ingest ECG records (WFDB folder, segment CSV, synthetic) into ecg_records/ecg_rejects.",
                null,
                List.of(
                        Opt.value("tables", "DIR", "./ecg-lake", "Delta table root (local folder or Hadoop URI)"),
                        Opt.value("wfdb", "DIR", null, "WFDB folder with RECORDS, REFERENCE.csv and .hea/.mat files"),
                        Opt.value("csv", "FILE", null, "segment CSV: N samples then a 0/1 label per row"),
                        Opt.value("csv-samples", "N", "0", "samples per CSV row; 0 infers it from the first row"),
                        Opt.value("csv-rate", "HZ", "300", "sampling rate of the CSV segments"),
                        Opt.value(
                                "synthetic",
                                "N",
                                null,
                                "generate N synthetic records (default " + DEFAULT_SYNTHETIC
                                        + " when no other source is given)"),
                        Opt.value("rate", "HZ", "300", "synthetic sampling rate"),
                        Opt.value("duration", "S", "30", "synthetic record length in seconds"),
                        Opt.value("af-fraction", "F", "0.2", "share of synthetic AF records"),
                        Opt.value("seed", "N", "42", "synthetic generator seed"),
                        Opt.value("partitions", "N", "0", "parallelism; 0 = twice Spark's default parallelism")));
    }

    @Override
    public IngestConfig configure(ParsedArgs a) {
        boolean anySource = a.given("wfdb") || a.given("csv") || a.given("synthetic");
        Optional<SyntheticSpec> synthetic = a.given("synthetic") || !anySource
                ? Optional.of(new SyntheticSpec(
                        a.given("synthetic") ? a.integer("synthetic") : DEFAULT_SYNTHETIC,
                        a.real("rate"),
                        a.real("duration"),
                        a.real("af-fraction"),
                        a.longValue("seed")))
                : Optional.empty();
        return new IngestConfig(
                a.string("tables"),
                a.optional("wfdb"),
                a.optional("csv"),
                a.integer("csv-samples"),
                a.real("csv-rate"),
                synthetic,
                a.integer("partitions"));
    }

    @Override
    public void run(SparkSession spark, IngestConfig config) {
        ingest(spark, config);
    }

    /** Runs the ingest and returns what it read and wrote. */
    public IngestSummary ingest(SparkSession spark, IngestConfig config) {
        int partitions = config.partitions() > 0
                ? config.partitions()
                : 2 * spark.sparkContext().defaultParallelism();
        List<JavaRDD<Row>> parts = new ArrayList<>();
        config.wfdbDir().ifPresent(d -> parts.add(new WfdbSource(d).rows(spark, partitions)));
        config.csvFile()
                .ifPresent(f ->
                        parts.add(new CsvSource(f, config.csvSamples(), config.csvRate()).rows(spark, partitions)));
        config.synthetic().ifPresent(s -> parts.add(new SyntheticSource(s).rows(spark, partitions)));
        JavaRDD<Row> all = parts.get(0);
        for (JavaRDD<Row> p : parts.subList(1, parts.size())) {
            all = all.union(p);
        }
        Dataset<Row> outcomes = spark.createDataFrame(all, IngestRows.SCHEMA);
        Lake lake = new Lake(spark, config.tablesRoot());
        boolean storedRows = lake.mayHaveRows(Table.ECG_RECORDS);
        boolean oneSourceIntoEmpty = parts.size() == 1 && !storedRows;
        // The output tables are made ready while the input is read; a first load's records table is left to the
        // insert, which creates a table that does not exist yet holding its rows, in one commit.
        lake.createInBackground(Table.ECG_REJECTS);
        if (!oneSourceIntoEmpty) {
            lake.createInBackground(Table.ECG_RECORDS);
        }
        return oneSourceIntoEmpty
                ? firstLoad(lake, outcomes)
                : checkedLoad(lake, outcomes, parts.size() == 1, storedRows);
    }

    /**
     * One source into a table without rows: no record id can conflict, so the input is read once, by the insert of
     * the records, and counted as it passes ({@link OutcomeCounts}); no cached copy of it is kept. Only rejects, when
     * the counts show some, read the input a second time.
     */
    private IngestSummary firstLoad(Lake lake, Dataset<Row> outcomes) {
        long start = System.nanoTime();
        OutcomeCounts counts = new OutcomeCounts();
        lake.insertOnly(
                Table.ECG_RECORDS,
                records(counts.observe(outcomes).filter(col("kind").equalTo(IngestRows.RECORD))));
        Map<String, Long> byLabel = counts.byLabel();
        long rejected = counts.rejected();
        logRead(byLabel, rejected, "and stored", start);
        long valid = byLabel.values().stream().mapToLong(Long::longValue).sum();
        Dataset<Row> rejects = rejected > 0 ? rejects(outcomes).persist(StorageLevel.MEMORY_AND_DISK()) : null;
        try {
            return summary(lake, byLabel, rejected, valid, writeRejects(lake, rejects, rejected));
        } finally {
            if (rejects != null) {
                rejects.unpersist();
            }
        }
    }

    /**
     * Several sources, or a table with rows: record ids are checked for conflicts ({@link RecordIdConflicts}) before
     * anything is written, so the parsed input is cached for the passes that checking, counting and writing make.
     */
    private IngestSummary checkedLoad(Lake lake, Dataset<Row> parsed, boolean oneSource, boolean storedRows) {
        Dataset<Row> outcomes = parsed.persist(StorageLevel.MEMORY_AND_DISK());
        RecordIdConflicts conflicts = new RecordIdConflicts(
                outcomes.filter(col("kind").equalTo(IngestRows.RECORD)), lake, oneSource, storedRows);
        // Without conflicts the accepted records are a filter of the cached outcomes: no second copy of the signals.
        Dataset<Row> accepted =
                conflicts.any() ? conflicts.accepted().persist(StorageLevel.MEMORY_AND_DISK()) : conflicts.accepted();
        Dataset<Row> rejects =
                rejects(outcomes).unionByName(conflicts.rejects()).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long start = System.nanoTime();
            Map<String, Long> byLabel = new TreeMap<>();
            long rejected = 0;
            for (Row r : tally(accepted, rejects).collectAsList()) {
                if (r.getString(0).equals(IngestRows.REJECT)) {
                    rejected = r.getLong(2);
                } else {
                    byLabel.put(r.isNullAt(1) ? IngestSummary.UNLABELLED : r.getString(1), r.getLong(2));
                }
            }
            logRead(byLabel, rejected, "", start);
            long recordsWritten = lake.upsert(
                    Table.ECG_RECORDS,
                    records(accepted),
                    List.of("content_hash"),
                    conflicts.mayRepeatIds() ? Lake.SourceKeys.MAY_REPEAT : Lake.SourceKeys.UNIQUE);
            return summary(lake, byLabel, rejected, recordsWritten, writeRejects(lake, rejects, rejected));
        } finally {
            rejects.unpersist();
            accepted.unpersist();
            outcomes.unpersist();
        }
    }

    private static void logRead(Map<String, Long> byLabel, long rejected, String stored, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long valid = byLabel.values().stream().mapToLong(Long::longValue).sum();
        LOG.info(
                "read {}{} valid records {} and {} rejects in {} s ({} inputs/s)",
                stored.isEmpty() ? "" : stored + " ",
                valid,
                byLabel,
                rejected,
                String.format("%.1f", seconds),
                String.format("%,.0f", (valid + rejected) / Math.max(seconds, 1e-9)));
    }

    /** Writes the rejects, if any; the table is created even when there are none: the SQL views and report read it. */
    private static long writeRejects(Lake lake, Dataset<Row> rejects, long rejected) {
        if (rejected == 0) {
            lake.createIfAbsent(Table.ECG_REJECTS);
            return 0;
        }
        logReasons(rejects);
        return lake.upsert(Table.ECG_REJECTS, rejects.withColumn("ingested_at", current_timestamp()), List.of());
    }

    private static IngestSummary summary(
            Lake lake, Map<String, Long> byLabel, long rejected, long recordsWritten, long rejectsWritten) {
        IngestSummary summary =
                new IngestSummary(byLabel, rejected, recordsWritten, rejectsWritten, lake.version(Table.ECG_RECORDS));
        LOG.info(
                "ecg_records: {} inserted or updated (version {}); ecg_rejects: {} new",
                recordsWritten,
                summary.recordsVersion(),
                rejectsWritten);
        return summary;
    }

    /**
     * One count per (kind, label): the accepted records by label and the rejects, in one Spark job over the
     * cached outcomes (two narrow scans, no signal read).
     */
    private static Dataset<Row> tally(Dataset<Row> accepted, Dataset<Row> rejects) {
        return accepted.select(lit(IngestRows.RECORD).as("kind"), col("label"))
                .unionByName(rejects.select(
                        lit(IngestRows.REJECT).as("kind"),
                        lit(null).cast("string").as("label")))
                .groupBy("kind", "label")
                .count();
    }

    private static Dataset<Row> records(Dataset<Row> accepted) {
        return accepted.select(
                col("record_id"),
                col("source"),
                col("sample_rate"),
                col("label"),
                col("n_samples"),
                col("signal"),
                col("content_hash"),
                current_timestamp().as("ingested_at"));
    }

    private static Dataset<Row> rejects(Dataset<Row> outcomes) {
        return outcomes.filter(col("kind").equalTo(IngestRows.REJECT))
                .select(col("source"), col("locator"), col("reason"), col("raw_excerpt"));
    }

    private static void logReasons(Dataset<Row> rejects) {
        for (Row r : rejects.groupBy("reason")
                .count()
                .orderBy(col("count").desc())
                .limit(REASONS_SHOWN)
                .collectAsList()) {
            LOG.warn("  rejected {} x: {}", r.getLong(1), r.getString(0));
        }
    }
}
