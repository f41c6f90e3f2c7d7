package org.ecgpeft.lake.runs;

import static org.apache.spark.sql.functions.col;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.train.TrainingCurve;

/**
 * Writes what a driver-side training job produced: its {@code ecg_models} row, its curves and its metrics.
 * Every write replaces the run's previous rows (MERGE or replace-where), so re-running a job with the same
 * settings on the same data leaves the same content.
 */
public final class RunTables {
    private final SparkSession spark;
    private final Lake lake;

    /** Writes into the tables of {@code lake}. */
    public RunTables(SparkSession spark, Lake lake) {
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

    /** Inserts or replaces the run's {@code ecg_models} row. */
    public void registerModel(ModelRun run) {
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
        lake.upsert(
                Table.ECG_MODELS,
                spark.createDataFrame(List.of(row), Table.ECG_MODELS.schema()),
                List.of(
                        "family",
                        "peft",
                        "hyper_params",
                        "trainable_params",
                        "total_params",
                        "checkpoint_uri",
                        "train_seconds",
                        "peak_memory_bytes",
                        "data_version"));
    }

    /** Replaces every curve point of the run by {@code curves}. */
    public void writeCurves(String runId, List<TrainingCurve> curves) {
        List<Row> rows = new ArrayList<>(curves.size());
        for (TrainingCurve c : curves) {
            rows.add(RowFactory.create(runId, c.epoch(), c.step(), c.split(), c.loss(), c.metric(), c.value()));
        }
        lake.replaceWhere(
                Table.ECG_TRAINING_CURVES,
                spark.createDataFrame(rows, Table.ECG_TRAINING_CURVES.schema()),
                // A Column, so Spark quotes the id; Delta's replaceWhere takes the predicate as SQL text.
                col("run_id").equalTo(runId).expr().sql());
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

    /** Inserts or replaces the metric values of a data version in one MERGE. */
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
     * Peak resident memory of this process (Linux {@code VmHWM}), which, unlike the Java heap, includes
     * libtorch's native CPU tensors; GPU memory is not in it. Null where {@code /proc} is not available.
     */
    public static Long peakResidentBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return null;
        } catch (java.io.IOException | NumberFormatException e) {
            return null;
        }
    }
}
