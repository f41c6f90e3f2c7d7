package org.ecgpeft.jobs.predict;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.ecgpeft.jobs.evaluate.EvaluationRun;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;

/** Picks the run predict uses: the named one, or the best registered run by a test-split record-level metric. */
final class RunChoice {
    private RunChoice() {}

    static EvaluationRun choose(Lake lake, Optional<String> runId, String metric) {
        if (!lake.exists(Table.ECG_MODELS)) {
            throw new IllegalStateException(
                    "no ecg_models table at " + lake.path(Table.ECG_MODELS) + ": train a model first");
        }
        String id = runId.orElseGet(() -> best(lake, metric));
        List<Row> rows = lake.read(Table.ECG_MODELS)
                .filter(col("run_id").equalTo(id))
                .select("run_id", "checkpoint_uri", "data_version", "family")
                .collectAsList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("--run-id " + id + " is not registered in ecg_models");
        }
        Row r = rows.get(0);
        if (r.isNullAt(1)) {
            throw new IllegalStateException("run " + id + " has no checkpoint_uri in ecg_models");
        }
        return new EvaluationRun(r.getString(0), r.getString(1), r.getString(2), r.getString(3));
    }

    /** The run with the highest value of {@code metric} on the test split at record level, over its evaluations. */
    private static String best(Lake lake, String metric) {
        List<Row> best = lake.exists(Table.ECG_METRICS)
                ? lake.read(Table.ECG_METRICS)
                        .filter(col("split")
                                .equalTo("test")
                                .and(col("level").equalTo("record"))
                                .and(col("metric").equalTo(metric)))
                        .join(
                                lake.read(Table.ECG_MODELS)
                                        .select("run_id", "checkpoint_uri")
                                        .filter(col("checkpoint_uri").isNotNull()),
                                "run_id")
                        .orderBy(col("value").desc(), col("run_id"))
                        .select("run_id", "value")
                        .limit(1)
                        .collectAsList()
                : List.of();
        if (best.isEmpty()) {
            throw new IllegalStateException("no run has a test record-level '" + metric
                    + "' in ecg_metrics: evaluate first, or name one with --run-id");
        }
        return best.get(0).getString(0);
    }
}
