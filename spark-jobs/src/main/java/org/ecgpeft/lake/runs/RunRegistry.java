package org.ecgpeft.lake.runs;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.train.TrainingCurve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run registry every job shares: registers a run in {@code ecg_models}, writes its curves
 * ({@code ecg_training_curves}) and metrics ({@code ecg_metrics}), finds a registered run, and hands out the
 * checkpoint store of the table root. Run ids depend only on a run's inputs and every write replaces the run's
 * previous rows, committing nothing when they are already there: re-running a job with the same settings on the
 * same data neither duplicates rows nor adds a Delta commit.
 */
public final class RunRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(RunRegistry.class);
    /**
     * The {@code ecg_models} columns whose change makes a re-run update the run's row. Not the timings
     * ({@code train_seconds}, {@code peak_memory_bytes}) nor {@code created_at}: they are measurements of the
     * run, and a re-run of the same run (same id) that only measured them again is no new content.
     */
    private static final List<String> MODEL_CHANGES = List.of(
            "family", "peft", "hyper_params", "trainable_params", "total_params", "checkpoint_uri", "data_version");

    /**
     * The {@code split} of {@code ecg_metrics} and {@code ecg_predictions} rows about the records that arrived
     * after a run's training data (written by evaluate; a drift figure in the report).
     */
    public static final String NEW_SINCE_TRAINING = "new-since-training";

    private static final Pattern RECORDS_VERSION = Pattern.compile("records@v(\\d+)/");

    private final SparkSession spark;
    private final Lake lake;

    /** The registry of the tables of {@code lake}. */
    public RunRegistry(SparkSession spark, Lake lake) {
        this.spark = spark;
        this.lake = lake;
    }

    /**
     * A run id that depends only on its inputs ({@code prefix-} + 12 hex digits of a SHA-256), so the same
     * settings on the same data version name the same run and a re-run replaces rather than adds one.
     */
    public static String runId(String prefix, String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                sha.update(p.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return prefix + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The {@code ecg_records} version a data version was made from (its first part, {@code records@v<N>/}, as
     * the preprocess job writes it): a run's lineage, so a job can time-travel to the very records behind it.
     */
    public static long recordsVersion(String dataVersion) {
        Matcher m = RECORDS_VERSION.matcher(dataVersion);
        if (!m.lookingAt()) {
            throw new IllegalArgumentException("data version '" + dataVersion
                    + "' does not start with records@v<N>/: it was not written by the preprocess job");
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * The {@code ecg_metrics.level} of ECG-LLM answers that corresponds to an encoder's level: {@code llm}
     * per window (segment), {@code llm-record} per record.
     */
    public static String llmLevel(String level) {
        return switch (level) {
            case "segment" -> "llm";
            case "record" -> "llm-record";
            default -> throw new IllegalArgumentException("level must be segment or record, got '" + level + "'");
        };
    }

    /** The checkpoint store of the table root ({@code <tables>/checkpoints}), on the session's file systems. */
    public CheckpointStore checkpoints() throws IOException {
        return CheckpointStore.under(spark, lake.root());
    }

    /** Inserts the run's {@code ecg_models} row, or replaces it when one of its identifying columns changed. */
    public void register(TrainedRun run) {
        Row row = RowFactory.create(
                run.runId(),
                run.family(),
                run.peft(),
                run.hyperParams(),
                run.trainableParams(),
                run.totalParams(),
                run.checkpointUri(),
                run.trainSeconds(),
                run.peakMemoryBytes(),
                run.dataVersion(),
                new Timestamp(System.currentTimeMillis()));
        lake.upsert(Table.ECG_MODELS, spark.createDataFrame(List.of(row), Table.ECG_MODELS.schema()), MODEL_CHANGES);
    }

    /**
     * Replaces every curve point of the run by {@code curves} (points a re-run no longer has go too); no commit
     * when the table already holds exactly these points.
     */
    public void writeCurves(String runId, List<TrainingCurve> curves) {
        List<Row> rows = new ArrayList<>(curves.size());
        for (TrainingCurve c : curves) {
            rows.add(RowFactory.create(runId, c.epoch(), c.step(), c.split(), c.loss(), c.metric(), c.value()));
        }
        Dataset<Row> fresh = spark.createDataFrame(rows, Table.ECG_TRAINING_CURVES.schema());
        Column ofRun = col("run_id").equalTo(runId);
        // A run's points are few: compared on the driver as multisets, in one read instead of two exceptAll jobs.
        if (lake.exists(Table.ECG_TRAINING_CURVES)
                && counts(lake.read(Table.ECG_TRAINING_CURVES)
                                .filter(ofRun)
                                .selectExpr(fresh.columns())
                                .collectAsList())
                        .equals(counts(rows))) {
            LOG.info("ecg_training_curves: run {} unchanged, no commit", runId);
            return;
        }
        // A Column, so Spark quotes the id; Delta's replaceWhere takes the predicate as SQL text.
        lake.replaceWhere(Table.ECG_TRAINING_CURVES, fresh, ofRun.expr().sql());
    }

    /** How often each row occurs (Spark's {@code Row} equality compares values, whatever the row's class). */
    private static Map<Row, Integer> counts(List<Row> rows) {
        Map<Row, Integer> counts = new HashMap<>();
        rows.forEach(r -> counts.merge(r, 1, Integer::sum));
        return counts;
    }

    /**
     * Metric values of one run, split and level.
     *
     * @param runId  the run evaluated
     * @param split  train, val or test
     * @param level  segment, record or llm
     * @param values metric name to value
     */
    public record MetricSet(String runId, String split, String level, Map<String, Double> values) {}

    /** Inserts or replaces the metric values of a data version in one MERGE (none when nothing changed). */
    public void writeMetrics(String dataVersion, List<MetricSet> sets) {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        List<Row> rows = new ArrayList<>();
        for (MetricSet m : sets) {
            m.values()
                    .forEach((metric, value) -> rows.add(
                            RowFactory.create(m.runId(), m.split(), m.level(), metric, value, dataVersion, now)));
        }
        lake.upsert(Table.ECG_METRICS, spark.createDataFrame(rows, Table.ECG_METRICS.schema()), List.of("value"));
    }

    /**
     * The run {@code runId} of {@code family}, or the family's newest run when none is named; it must have a
     * checkpoint.
     *
     * @param option   the command-line option that names the run, for messages (e.g. {@code --encoder})
     * @param producer the job that registers runs of the family, for messages (e.g. {@code train-mscnn})
     */
    public Row find(String family, Optional<String> runId, String option, String producer) {
        if (!lake.exists(Table.ECG_MODELS)) {
            throw new IllegalStateException(
                    "ecg_models does not exist at " + lake.path(Table.ECG_MODELS) + ": run " + producer + " first");
        }
        Dataset<Row> runs = lake.read(Table.ECG_MODELS).filter(col("family").equalTo(family));
        if (runId.isPresent()) {
            runs = runs.filter(col("run_id").equalTo(runId.get()));
        }
        List<Row> found =
                runs.orderBy(col("created_at").desc(), col("run_id")).limit(1).collectAsList();
        if (found.isEmpty()) {
            throw new IllegalStateException(
                    runId.map(id -> option + " " + id + " is not a " + family + " run in ecg_models")
                            .orElse("ecg_models has no " + family + " run: run " + producer + " first"));
        }
        Row run = found.get(0);
        if (run.isNullAt(run.fieldIndex("checkpoint_uri"))) {
            throw new IllegalStateException(
                    family + " run " + run.getAs("run_id") + " has no checkpoint_uri in ecg_models");
        }
        return run;
    }
}
