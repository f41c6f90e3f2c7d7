package org.ecgpeft.jobs.llm;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.jobs.cli.Job;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.lake.runs.RunRegistry;
import org.ecgpeft.train.BaseDtype;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code answer-llm}: rebuilds a registered ECG-LLM run from its saved checkpoint (LoRA + projector on the
 * recorded Qwen3 base) on the driver, answers one split of the features it was trained with, and writes the
 * answers and their metrics as train-llm does (MERGE, so unchanged answers change nothing). It first reads
 * the answers already stored for the run and reports how many the reloaded model repeats: the check that
 * inference from a checkpoint gives the answers of the end of training, and the scheduled re-scoring of
 * ECG-LLM runs.
 */
public final class AnswerLlmJob implements Job<AnswerLlmConfig> {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerLlmJob.class);

    @Override
    public String name() {
        return "answer-llm";
    }

    @Override
    public Options options() {
        return new Options(
                name(),
                "Answer a split with a saved ECG-LLM checkpoint; compare with the stored answers.",
                null,
                List.of(
                        Opt.value("tables", "DIR", "./ecg-lake", "Delta table root (local folder or Hadoop URI)"),
                        Opt.value("run-id", "RUN_ID", null, "ECG-LLM run (default: the newest qwen3-ecgllm run)"),
                        Opt.value("split", "NAME", "test", "split of the run's features to answer: train, val or test"),
                        Opt.value(
                                "model",
                                "DIR",
                                null,
                                "Qwen3 base model folder (default: the base recorded in the checkpoint)"),
                        Opt.value(
                                "tokenizer",
                                "DIR",
                                null,
                                "folder with tokenizer.json (default: the base model folder)"),
                        Opt.value(
                                "dtype", "fp32|fp16", null, "frozen base weights (default: what the run trained with)"),
                        Opt.value("eval-batch-size", "N", "16", "rows per generation batch")));
    }

    @Override
    public AnswerLlmConfig configure(ParsedArgs a) {
        return new AnswerLlmConfig(
                a.string("tables"),
                a.optional("run-id"),
                a.string("split"),
                a.optional("model").map(Path::of),
                a.optional("tokenizer").map(Path::of),
                a.optional("dtype").map(BaseDtype::parse),
                a.integer("eval-batch-size"));
    }

    @Override
    public void run(SparkSession spark, AnswerLlmConfig config) throws IOException {
        answer(spark, config);
    }

    /** Answers the split from the checkpoint, compares with the stored answers and writes the tables. */
    public AnswerLlmResult answer(SparkSession spark, AnswerLlmConfig config) throws IOException {
        Lake lake = new Lake(spark, config.tablesRoot());
        Row run = new RunRegistry(spark, lake).find(TrainLlmJob.FAMILY, config.runId(), "--run-id", "train-llm");
        String runId = run.getAs("run_id");
        String dataVersion = run.getAs("data_version");
        String encoderRun = LlmRunParams.of(run).encoder();
        FeatureSplit data = FeatureSplit.collect(FeatureSplit.rows(lake, encoderRun, dataVersion), config.split());
        Map<String, Double> stored = storedAnswers(lake, runId, dataVersion, config.split());

        LOG.info("answering the {} split of {} with run {}", config.split(), dataVersion, runId);
        try (SavedEcgLlm llm = SavedEcgLlm.load(
                run,
                spark.sparkContext().hadoopConfiguration(),
                config.model(),
                config.tokenizer(),
                config.dtype(),
                config.evalBatchSize())) {
            SplitAnswers answers = llm.answer(data);

            int identical = 0;
            int compared = 0;
            int n = answers.parsed().size();
            for (int i = 0; i < n; i++) {
                Double before = stored.get(key(data.recordIds()[i], data.segmentIdx()[i]));
                if (before != null) {
                    compared++;
                    identical += before == LlmPredictions.score(answers.parsed().get(i)) ? 1 : 0;
                }
            }
            LOG.info(
                    "{} of {} answers of run {} were already stored; {} of them are identical",
                    compared,
                    n,
                    runId,
                    identical);
            answers.write(spark, lake, runId, encoderRun, dataVersion, config.split(), data);
            return new AnswerLlmResult(runId, config.split(), n, compared, identical, answers.llm(), answers.encoder());
        }
    }

    /** The stored answer class of each row (its {@code prob}: 1 AF, 0 normal, 0.5 invalid), by record/window. */
    private static Map<String, Double> storedAnswers(Lake lake, String runId, String dataVersion, String split) {
        Map<String, Double> out = new HashMap<>();
        if (lake.exists(Table.ECG_PREDICTIONS)) {
            lake.read(Table.ECG_PREDICTIONS)
                    .filter(col("run_id")
                            .equalTo(runId)
                            .and(col("data_version").equalTo(dataVersion))
                            .and(col("split").equalTo(split)))
                    .select("record_id", "segment_idx", "prob")
                    .collectAsList()
                    .forEach(r -> out.put(key(r.getString(0), r.getInt(1)), r.getDouble(2)));
        }
        return out;
    }

    private static String key(String recordId, int segmentIdx) {
        return recordId + "/" + segmentIdx;
    }
}
