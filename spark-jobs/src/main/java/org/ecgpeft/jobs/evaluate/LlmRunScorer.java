package org.ecgpeft.jobs.evaluate;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.ecgpeft.jobs.features.EcgFeatureTransformer;
import org.ecgpeft.jobs.features.FeaturesJob;
import org.ecgpeft.jobs.llm.SavedEcgLlm;
import org.ecgpeft.jobs.llm.WindowAnswers;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.lake.runs.RunRegistry;

/**
 * Scores an ECG-LLM run on its windows ({@link RunData}): the run's frozen MS-CNN encoder turns them into
 * features on the executors ({@link EcgFeatureTransformer}, as the features job does), then the LLM, rebuilt
 * from its checkpoint on the driver ({@link SavedEcgLlm}), answers every window as answer-llm does. Each answer
 * parsed to a class is a prediction ({@code prob} 1 AF, 0 normal, 0.5 invalid, as train-llm stores them); the
 * metrics are the LLM's levels {@code llm} and {@code llm-record} per split and for
 * {@link RunRegistry#NEW_SINCE_TRAINING}. The features are an intermediate of the scoring and are not stored: a
 * records version is scored once, and {@code ecg_features} keeps the encoder's training data alone.
 */
final class LlmRunScorer {
    private final SparkSession spark;
    private final Lake lake;
    private final EvaluateSettings settings;

    LlmRunScorer(SparkSession spark, Lake lake, EvaluateSettings settings) {
        this.spark = spark;
        this.lake = lake;
        this.settings = settings;
    }

    /** Answers every window of {@code data} with {@code run} (batches of {@code --batch-size} for both models). */
    RunScores score(EvaluationRun run, RunData data, long recordsVersion) {
        try (SavedEcgLlm llm = SavedEcgLlm.load(spark, lake, run.runId(), settings.batchSize())) {
            Row encoder = FeaturesJob.encoderRun(new RunRegistry(spark, lake), Optional.of(llm.encoderRun()));
            EcgFeatureTransformer features = new EcgFeatureTransformer()
                    .setCheckpoint(encoder.getAs("checkpoint_uri"))
                    .setInputCol("signal")
                    .setOutputCol("features")
                    .setProbabilityCol("prob")
                    .setBatchSize(settings.batchSize());
            // Persisted: the answers and the new-record set read one encoder pass.
            Dataset<Row> encoded = features.transform(
                            data.segments().select("record_id", "segment_idx", "split", "label", RunData.NEW, "signal"))
                    .drop("signal")
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                if (encoded.isEmpty()) {
                    throw RunEvaluator.nothingToScore(run, recordsVersion);
                }
                Set<String> fresh = new HashSet<>(encoded.filter(col(RunData.NEW))
                        .select("record_id")
                        .distinct()
                        .as(Encoders.STRING())
                        .collectAsList());
                WindowAnswers answers = WindowAnswers.answer(llm, encoded);
                List<MetricValue> metrics = new ArrayList<>();
                for (String split : answers.splits()) {
                    add(metrics, split, answers.splitMetrics(split));
                }
                add(metrics, RunRegistry.NEW_SINCE_TRAINING, answers.metrics(fresh::contains));
                List<Row> rows = answers.predictions(run.runId(), data.dataVersion());
                long newWindows = rows.stream()
                        .filter(r -> fresh.contains(r.getString(1)))
                        .count();
                return new RunScores(
                        spark.createDataFrame(rows, Table.ECG_PREDICTIONS.schema()),
                        metrics,
                        RunRegistry.llmLevel("record"),
                        answers.size(),
                        newWindows,
                        fresh.size());
            } finally {
                encoded.unpersist();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "run " + run.runId() + ": cannot load the ECG-LLM checkpoint " + run.checkpointUri(), e);
        }
    }

    private static void add(List<MetricValue> out, String group, Map<String, Map<String, Double>> byLevel) {
        byLevel.forEach((level, values) -> MetricRows.add(out, group, level, values));
    }
}
