package org.ecgpeft.lake.runs;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;

/** Picks one registered run of a model family from {@code ecg_models}: a named one or the newest. */
public final class RunLookup {
    private RunLookup() {}

    /**
     * The run {@code runId} of {@code family}, or the family's newest run when none is named; it must have a
     * checkpoint.
     *
     * @param option   the command-line option that names the run, for messages (e.g. {@code --encoder})
     * @param producer the job that registers runs of the family, for messages (e.g. {@code train-mscnn})
     */
    public static Row find(Lake lake, String family, Optional<String> runId, String option, String producer) {
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
