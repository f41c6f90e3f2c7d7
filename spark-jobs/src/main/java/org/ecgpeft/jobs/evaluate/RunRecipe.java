package org.ecgpeft.jobs.evaluate;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Row;
import org.ecgpeft.jobs.preprocess.NormMode;
import org.ecgpeft.jobs.preprocess.PreprocessConfig;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;

/**
 * How a run's inputs were prepared, read back from its training data version: window, stride, pad, split and
 * norm mode ({@link PreprocessConfig#fromDataVersion}) and, for global z-score, the training statistics stored
 * in {@code ecg_norm_stats} (never recomputed on other data).
 *
 * @param config the preprocess settings of the run's training data
 * @param mean   global mean (0 for per-segment z-score)
 * @param std    global std (1 for per-segment z-score)
 */
public record RunRecipe(PreprocessConfig config, double mean, double std) {
    /** The recipe of {@code run}; errors name the run. */
    public static RunRecipe of(Lake lake, EvaluationRun run) {
        PreprocessConfig config;
        try {
            config = PreprocessConfig.fromDataVersion(lake.root(), run.dataVersion());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("run " + run.runId() + ": " + e.getMessage(), e);
        }
        if (config.norm() != NormMode.GLOBAL) {
            return new RunRecipe(config, 0, 1);
        }
        List<Row> rows = lake.exists(Table.ECG_NORM_STATS)
                ? lake.read(Table.ECG_NORM_STATS)
                        .filter(col("data_version")
                                .equalTo(run.dataVersion())
                                .and(col("norm_mode").equalTo(NormMode.GLOBAL.label())))
                        .select("mean", "std")
                        .collectAsList()
                : List.of();
        if (rows.isEmpty()) {
            throw new IllegalStateException("run " + run.runId() + " trained on globally z-scored data "
                    + run.dataVersion() + ", but ecg_norm_stats has no statistics for it");
        }
        return new RunRecipe(config, rows.get(0).getDouble(0), rows.get(0).getDouble(1));
    }
}
