package org.ecgpeft.jobs.preprocess;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.jobs.cli.Job;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.signal.PadPolicy;
import org.ecgpeft.signal.WindowSpec;
import org.ecgpeft.signal.ZScore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code preprocess}: turns the current {@code ecg_records} version into {@code ecg_segments} for the
 * binary task N (0) vs A (1): record-level split, windowing, z-score. Segments of one data version are
 * replaced as a whole, so a re-run leaves the same content.
 */
public final class PreprocessJob implements Job<PreprocessConfig> {
    private static final Logger LOG = LoggerFactory.getLogger(PreprocessJob.class);
    /** The ecg_records labels of the binary task, N (0) and A (1); other records are left out. */
    public static final List<String> TASK_LABELS = List.of("N", "A");
    /** Key of unlabelled records in the excluded counts. */
    static final String UNLABELLED = "unlabelled";

    @Override
    public String name() {
        return "preprocess";
    }

    @Override
    public Options options() {
        return new Options(
                name(),
                "Window, z-score and split N/A records into ecg_segments.",
                null,
                List.of(
                        Opt.value("tables", "DIR", "./ecg-lake", "Delta table root (local folder or Hadoop URI)"),
                        Opt.value("window", "N", "600", "window length in samples"),
                        Opt.value("stride", "N", "600", "window stride in samples"),
                        Opt.value("pad", "MODE", "zero", "short tail: zero (pad), drop or reflect"),
                        Opt.value(
                                "norm",
                                "MODE",
                                "per-segment",
                                "z-score: per-segment or global (training-split statistics)"),
                        Opt.value(
                                "split",
                                "[RULE:]T/V/T",
                                "75/10/15",
                                "train/val/test percentages of records; rule stable "
                                        + "(default: a record's split depends on its id and the seed only) or quota (exact shares per label, "
                                        + "moves records when others are added), e.g. quota or quota:75/10/15"),
                        Opt.value("split-seed", "N", "2017", "seed of the split hash")));
    }

    @Override
    public PreprocessConfig configure(ParsedArgs a) {
        int length = a.integer("window");
        int stride = a.integer("stride");
        PadPolicy pad = PreprocessConfig.pad(a.string("pad"));
        WindowSpec window;
        try {
            window = new WindowSpec(length, stride, pad);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--window/--stride: " + e.getMessage(), e);
        }
        return new PreprocessConfig(
                a.string("tables"),
                window,
                NormMode.parse(a.string("norm")),
                SplitPlan.parse(a.string("split"), a.longValue("split-seed")));
    }

    @Override
    public void run(SparkSession spark, PreprocessConfig config) {
        preprocess(spark, config);
    }

    /** Runs the preprocessing and returns what it wrote. */
    public PreprocessResult preprocess(SparkSession spark, PreprocessConfig config) {
        Lake lake = new Lake(spark, config.tablesRoot());
        long version = lake.version(Table.ECG_RECORDS);
        String dataVersion = config.dataVersion(version);
        // The statistics table is made ready while the records are counted and read. The segments table is left to
        // the write, which creates a table that does not exist yet holding its rows, in one commit.
        if (config.norm() == NormMode.GLOBAL) {
            lake.createInBackground(Table.ECG_NORM_STATS);
        }
        Dataset<Row> records = lake.readVersion(Table.ECG_RECORDS, version);
        Map<String, Long> excluded = new TreeMap<>();
        // Unlabelled records (label null) are excluded like the other classes: they cannot be split by label or trained
        // on.
        for (Row r : records.filter(col("label").isNull().or(not(col("label").isin(TASK_LABELS.toArray()))))
                .groupBy("label")
                .count()
                .collectAsList()) {
            excluded.put(r.isNullAt(0) ? UNLABELLED : r.getString(0), r.getLong(1));
        }
        LOG.info("{}: binary task N vs A, excluding {}", dataVersion, excluded);
        Dataset<Row> task = records.filter(col("label").isin(TASK_LABELS.toArray()));
        Dataset<Row> labelled = config.split()
                .withSplit(spark, task)
                .select(col("record_id"), col("label"), col("split"), col("signal"));
        // Per-segment z-score reads the records once; only the global statistics need a second pass.
        if (config.norm() == NormMode.GLOBAL) {
            labelled = labelled.persist(StorageLevel.MEMORY_AND_DISK());
        }
        try {
            Optional<ZScore.Moments> stats = Optional.empty();
            double mean = 0;
            double std = 1;
            if (config.norm() == NormMode.GLOBAL) {
                ZScore.Moments m = GlobalStats.of(
                        labelled.filter(col("split").equalTo("train")).javaRDD(), 3);
                if (m.n() == 0) {
                    throw new IllegalStateException("global z-score needs training samples, but the train split of "
                            + dataVersion + " is empty");
                }
                mean = m.mean();
                std = m.std();
                stats = Optional.of(m);
                lake.upsert(
                        Table.ECG_NORM_STATS,
                        spark.createDataFrame(
                                List.of(RowFactory.create(
                                        dataVersion, config.norm().label(), mean, std, m.n())),
                                Table.ECG_NORM_STATS.schema()),
                        List.of("mean", "std", "n"));
                LOG.info("{}: global mean {} std {} over {} training samples", dataVersion, mean, std, m.n());
            }
            SegmentCounts written = new SegmentCounts();
            Dataset<Row> segments = written.observe(SegmentWriter.segments(labelled, config, mean, std, dataVersion));
            // The data version ends in the norm mode (it always has), so it alone names the rows to replace: a
            // predicate on the partition column only, which Delta applies by dropping the partition's files, where one
            // on a data column (norm_mode) made it scan them for rows to keep and check each new row. Built as a
            // Column so Spark quotes the value; Delta's replaceWhere takes the predicate as SQL text.
            lake.replaceWhere(
                    Table.ECG_SEGMENTS,
                    segments,
                    col("data_version").equalTo(dataVersion).expr().sql());
            Map<String, Long> bySplit = new TreeMap<>();
            written.bySplitAndLabel()
                    .forEach((split, byLabel) -> byLabel.forEach((label, n) -> {
                        bySplit.merge(split, n, Long::sum);
                        LOG.info("{}: split {} label {}: {} segments", dataVersion, split, label, n);
                    }));
            return new PreprocessResult(dataVersion, bySplit, excluded, stats);
        } finally {
            labelled.unpersist();
        }
    }
}
