package org.ecgpeft.jobs.train;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.ecgpeft.lake.Table;
import org.ecgpeft.train.TrainingCurve;
import org.ecgpeft.train.study.RunResult;

/** {@code ecg_models} and {@code ecg_training_curves} rows of trained runs, in the tables' column order. */
final class TrainRows {
    private TrainRows() {}

    /** One {@code ecg_models} row (schema {@link Table#ECG_MODELS}). */
    static Row model(RunResult r, String checkpointUri, Timestamp createdAt) {
        return RowFactory.create(
                r.runId(),
                r.family().key(),
                r.peft().key(),
                r.hyperParamsJson(),
                r.trainableParams(),
                r.totalParams(),
                checkpointUri,
                r.trainSeconds(),
                r.peakMemoryBytes(),
                r.dataVersion(),
                createdAt);
    }

    /** The run's curve points (schema {@link Table#ECG_TRAINING_CURVES}). */
    static List<Row> curves(RunResult r) {
        List<Row> rows = new ArrayList<>();
        for (TrainingCurve c : r.curves()) {
            rows.add(RowFactory.create(r.runId(), c.epoch(), c.step(), c.split(), c.loss(), c.metric(), c.value()));
        }
        return rows;
    }

    /** Columns whose change makes a re-run update its {@code ecg_models} row (timings alone do not). */
    static final List<String> MODEL_CHANGES = List.of(
            "family", "peft", "hyper_params", "trainable_params", "total_params", "checkpoint_uri", "data_version");
    /** Columns whose change makes a re-run update a curve point. */
    static final List<String> CURVE_CHANGES = List.of("loss", "value");

    /** The key of a run's best metrics, for the job's summary log. */
    static String summary(RunResult r) {
        Map<String, Double> m = r.bestMetrics();
        return String.format(
                "%s: F1 %.4f, AUROC %.4f, %d/%d trainable, %.1f s",
                r.runId(),
                r.bestF1(),
                m.getOrDefault("auroc", Double.NaN),
                r.trainableParams(),
                r.totalParams(),
                r.trainSeconds());
    }
}
