package org.ecgpeft.lake;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Delta table catalogue: every table of the pipeline with its stable name, explicit schema and the
 * key columns that identify a row (used by MERGE upserts so re-runs replace rather than duplicate).
 */
public enum Table {
    /**
     * One row per ingested ECG record (any source); label null for an unlabelled record. One record id holds
     * one content: ingest rejects an id another source already stored with different content.
     */
    ECG_RECORDS(
            "ecg_records",
            List.of("record_id"),
            col("record_id", StringType, false),
            col("source", StringType, false),
            col("sample_rate", DoubleType, false),
            col("label", StringType, true),
            col("n_samples", IntegerType, false),
            col("signal", Floats.TYPE, false),
            col("content_hash", StringType, false),
            col("ingested_at", TimestampType, false)),
    /** Input that could not be ingested, with the reason; never silently dropped. */
    ECG_REJECTS(
            "ecg_rejects",
            List.of("source", "locator", "reason"),
            col("source", StringType, false),
            col("locator", StringType, false),
            col("reason", StringType, false),
            col("raw_excerpt", StringType, true),
            col("ingested_at", TimestampType, false)),
    /** Fixed-length, normalised windows of N (0) / A (1) records with their record-level split. */
    ECG_SEGMENTS(
            "ecg_segments",
            List.of("data_version", "record_id", "segment_idx"),
            col("record_id", StringType, false),
            col("segment_idx", IntegerType, false),
            col("label", IntegerType, false),
            col("split", StringType, false),
            col("norm_mode", StringType, false),
            col("signal", Floats.TYPE, false),
            col("data_version", StringType, false)),
    /** Global z-score statistics (training split) per data version. */
    ECG_NORM_STATS(
            "ecg_norm_stats",
            List.of("data_version", "norm_mode"),
            col("data_version", StringType, false),
            col("norm_mode", StringType, false),
            col("mean", DoubleType, false),
            col("std", DoubleType, false),
            col("n", LongType, false)),
    /** Frozen-encoder feature vectors per segment. */
    ECG_FEATURES(
            "ecg_features",
            List.of("data_version", "encoder", "record_id", "segment_idx"),
            col("record_id", StringType, false),
            col("segment_idx", IntegerType, false),
            col("split", StringType, false),
            col("label", IntegerType, false),
            col("features", floats(), false),
            col("encoder", StringType, false),
            col("data_version", StringType, false)),
    /** One row per training run (model family x PEFT variant x hyper-parameters). */
    ECG_MODELS(
            "ecg_models",
            List.of("run_id"),
            col("run_id", StringType, false),
            col("family", StringType, false),
            col("peft", StringType, false),
            col("hyper_params", StringType, false),
            col("trainable_params", LongType, false),
            col("total_params", LongType, false),
            col("checkpoint_uri", StringType, true),
            col("train_seconds", DoubleType, true),
            col("peak_memory_bytes", LongType, true),
            col("data_version", StringType, false),
            col("created_at", TimestampType, false)),
    /** Loss and metric values logged during training. */
    ECG_TRAINING_CURVES(
            "ecg_training_curves",
            List.of("run_id", "epoch", "step", "split", "metric"),
            col("run_id", StringType, false),
            col("epoch", IntegerType, false),
            col("step", LongType, false),
            col("split", StringType, false),
            col("loss", DoubleType, true),
            col("metric", StringType, false),
            col("value", DoubleType, true)),
    /**
     * Per-segment predictions of a run; the {@code predict} job's record-level predictions of unlabelled records
     * have {@code segment_idx} -1, split {@code unlabelled} and a null label.
     */
    ECG_PREDICTIONS(
            "ecg_predictions",
            List.of("run_id", "data_version", "record_id", "segment_idx"),
            col("run_id", StringType, false),
            col("record_id", StringType, false),
            col("segment_idx", IntegerType, false),
            col("split", StringType, false),
            col("prob", DoubleType, false),
            col("pred", IntegerType, false),
            col("label", IntegerType, true),
            col("data_version", StringType, false)),
    /** Evaluation metrics per run, split and level (segment or record). */
    ECG_METRICS(
            "ecg_metrics",
            List.of("run_id", "data_version", "split", "level", "metric"),
            col("run_id", StringType, false),
            col("split", StringType, false),
            col("level", StringType, false),
            col("metric", StringType, false),
            col("value", DoubleType, true),
            col("data_version", StringType, false),
            col("evaluated_at", TimestampType, false));

    private final String tableName;
    private final List<String> keyColumns;
    private final StructType schema;

    Table(String tableName, List<String> keyColumns, StructField... fields) {
        this.tableName = tableName;
        this.keyColumns = keyColumns;
        this.schema = new StructType(fields);
    }

    /** Stable table (and SQL view) name, e.g. {@code ecg_records}. */
    public String tableName() {
        return tableName;
    }

    /** Columns that identify one row; MERGE upserts match on them. */
    public List<String> keyColumns() {
        return keyColumns;
    }

    /** The explicit Spark schema of the table. */
    public StructType schema() {
        return schema;
    }

    /**
     * Delta table properties the table is created with. {@code ecg_records} keeps its log for a century:
     * every data version names a records version that evaluation time-travels to, and Delta's default (30
     * days) would make a run older than that impossible to re-evaluate on its own training records. Tables with
     * signals name their layout ({@link Floats#LAYOUT_PROPERTY}).
     */
    public Map<String, String> properties() {
        return switch (this) {
            case ECG_RECORDS ->
                Map.of("delta.logRetentionDuration", "interval 36500 days", Floats.LAYOUT_PROPERTY, Floats.LAYOUT);
            case ECG_SEGMENTS -> Map.of(Floats.LAYOUT_PROPERTY, Floats.LAYOUT);
            default -> Map.of();
        };
    }

    /**
     * The columns holding signals in the {@link Floats} layout (binary float32); a table written before that
     * layout holds them as {@code array<float>} until {@code maintain} rewrites it.
     */
    public List<String> signalColumns() {
        return Arrays.asList(schema.fieldNames()).contains("signal") ? List.of("signal") : List.of();
    }

    /**
     * The columns the table is partitioned by, where its readers filter: segments and features by data version
     * (and segments by split), predictions by run. A lake written before partitioning is rewritten by
     * {@code maintain}; until then it works as it is.
     */
    public List<String> partitionColumns() {
        return switch (this) {
            case ECG_SEGMENTS -> List.of("data_version", "split");
            case ECG_FEATURES -> List.of("data_version");
            case ECG_PREDICTIONS -> List.of("run_id");
            default -> List.of();
        };
    }

    /** Looks a table up by its stable name. */
    public static Table byName(String name) {
        for (Table t : values()) {
            if (t.tableName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown table '" + name + "'");
    }

    private static StructField col(String name, DataType type, boolean nullable) {
        return new StructField(name, type, nullable, Metadata.empty());
    }

    /** Delta rejects NOT NULL inside arrays, so elements are nullable in the schema (never null in data). */
    private static DataType floats() {
        return DataTypes.createArrayType(FloatType, true);
    }
}
