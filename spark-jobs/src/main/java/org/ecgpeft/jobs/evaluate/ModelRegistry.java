package org.ecgpeft.jobs.evaluate;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.ecgpeft.jobs.llm.TrainLlmJob;
import org.ecgpeft.jobs.mscnn.TrainMsCnnJob;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.train.study.Family;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the runs registered in {@code ecg_models}. */
final class ModelRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    private ModelRegistry() {}

    /**
     * The requested runs, sorted by run id; an unknown id is an error naming it and the registered ones. With
     * no ids: every run of the families evaluated here: those {@link ArtifactLoader} reads (the PEFT study's
     * wav2vec2, HuBERT, ECG-FM and the MS-CNN encoder) and the ECG-LLM ({@link LlmRunScorer}); runs of other
     * families are skipped.
     *
     * @throws IllegalStateException when there is nothing to evaluate: no ecg_models table, or none of its runs
     *                               is of a family evaluated here
     */
    static List<EvaluationRun> runs(Lake lake, List<String> runIds) {
        if (!lake.exists(Table.ECG_MODELS)) {
            if (runIds.isEmpty()) {
                throw new IllegalStateException("nothing to evaluate: no ecg_models table at "
                        + lake.path(Table.ECG_MODELS) + " (train or train-mscnn registers runs)");
            }
            throw new IllegalArgumentException(
                    "--run-id " + runIds + ": no ecg_models table at " + lake.path(Table.ECG_MODELS));
        }
        Map<String, EvaluationRun> all = new LinkedHashMap<>();
        Set<String> evaluable = Stream.concat(
                        Arrays.stream(Family.values()).map(Family::key),
                        Stream.of(TrainMsCnnJob.FAMILY, TrainLlmJob.FAMILY))
                .collect(Collectors.toSet());
        List<EvaluationRun> evaluated = new ArrayList<>();
        for (Row r : lake.read(Table.ECG_MODELS)
                .select(col("run_id"), col("checkpoint_uri"), col("data_version"), col("family"))
                .orderBy("run_id")
                .collectAsList()) {
            EvaluationRun run = new EvaluationRun(r.getString(0), r.getString(1), r.getString(2), r.getString(3));
            all.put(run.runId(), run);
            if (evaluable.contains(r.getString(3))) {
                evaluated.add(run);
            } else if (runIds.isEmpty()) {
                LOG.info("run {}: family {} is not one evaluate scores, skipped", run.runId(), r.getString(3));
            }
        }
        if (runIds.isEmpty()) {
            if (evaluated.isEmpty()) {
                throw new IllegalStateException("nothing to evaluate: ecg_models at " + lake.path(Table.ECG_MODELS)
                        + " has no PEFT-study, MS-CNN or ECG-LLM run (have " + all.keySet() + ")");
            }
            return evaluated;
        }
        List<EvaluationRun> chosen = new ArrayList<>();
        for (String id : runIds) {
            EvaluationRun run = all.get(id);
            if (run == null) {
                throw new IllegalArgumentException(
                        "--run-id " + id + " is not registered in ecg_models (have " + all.keySet() + ")");
            }
            chosen.add(run);
        }
        return chosen;
    }
}
