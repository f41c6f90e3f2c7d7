package org.ecgpeft.jobs.evaluate;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;

/** Reads the runs registered in {@code ecg_models}. */
final class ModelRegistry {
  private ModelRegistry() {}

  /**
   * The requested runs (all when {@code runIds} is empty), sorted by run id; an unknown id is an error
   * naming it and the registered ones.
   */
  static List<EvaluationRun> runs(Lake lake, List<String> runIds) {
    if (!lake.exists(Table.ECG_MODELS)) {
      if (runIds.isEmpty()) {
        return List.of();
      }
      throw new IllegalArgumentException("--run-id " + runIds + ": no ecg_models table at " + lake.path(Table.ECG_MODELS));
    }
    Map<String, EvaluationRun> all = new LinkedHashMap<>();
    for (Row r : lake.read(Table.ECG_MODELS).select(col("run_id"), col("checkpoint_uri"), col("data_version"))
        .orderBy("run_id").collectAsList()) {
      all.put(r.getString(0), new EvaluationRun(r.getString(0), r.getString(1), r.getString(2)));
    }
    if (runIds.isEmpty()) {
      return List.copyOf(all.values());
    }
    List<EvaluationRun> chosen = new ArrayList<>();
    for (String id : runIds) {
      EvaluationRun run = all.get(id);
      if (run == null) {
        throw new IllegalArgumentException("--run-id " + id + " is not registered in ecg_models (have "
            + all.keySet() + ")");
      }
      chosen.add(run);
    }
    return chosen;
  }
}
