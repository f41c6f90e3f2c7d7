package org.ecgpeft.jobs.llm;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.ecgllm.EcgLlm;
import org.ecgpeft.ecgllm.EcgLlmCheckpoint;
import org.ecgpeft.ecgllm.EcgPromptTokens;
import org.ecgpeft.eval.AnswerParser;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.runs.CheckpointStore;
import org.ecgpeft.lake.runs.RunRegistry;
import org.ecgpeft.model.qwen3.Qwen3Checkpoint;
import org.ecgpeft.model.qwen3.Qwen3ForCausalLM;
import org.ecgpeft.model.qwen3.Qwen3Tokenizer;
import org.ecgpeft.train.BaseDtype;
import org.ecgpeft.train.llm.EcgLlmAnswerer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registered ECG-LLM run rebuilt on the driver from its saved checkpoint (LoRA + projector on the Qwen3 base
 * recorded in the checkpoint, unless another folder is given), ready to answer encoder features: what
 * answer-llm, evaluate and reevaluate answer with. Closing it frees the model's native memory.
 */
public final class SavedEcgLlm implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SavedEcgLlm.class);

    private final String runId;
    private final String encoderRun;
    private final Qwen3Tokenizer tokenizer;
    private final NDManager manager;
    private final EcgLlmAnswerer answerer;
    private final AnswerParser parser;

    private SavedEcgLlm(
            String runId,
            String encoderRun,
            Qwen3Tokenizer tokenizer,
            NDManager manager,
            EcgLlmAnswerer answerer,
            AnswerParser parser) {
        this.runId = runId;
        this.encoderRun = encoderRun;
        this.tokenizer = tokenizer;
        this.manager = manager;
        this.answerer = answerer;
        this.parser = parser;
    }

    /** The ECG-LLM run {@code runId} of {@code ecg_models} as it was trained (its base, tokenizer and dtype). */
    public static SavedEcgLlm load(SparkSession spark, Lake lake, String runId, int evalBatchSize) throws IOException {
        return load(
                new RunRegistry(spark, lake).find(TrainLlmJob.FAMILY, Optional.of(runId), "--run-id", "train-llm"),
                spark.sparkContext().hadoopConfiguration(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                evalBatchSize);
    }

    /**
     * The run of an {@code ecg_models} row.
     *
     * @param hadoop        the session's Hadoop configuration, to copy a remote checkpoint
     * @param model         the Qwen3 base folder (empty: the base recorded in the checkpoint)
     * @param tokenizerDir  the folder of {@code tokenizer.json} (empty: the base folder)
     * @param dtype         the frozen base weights' type (empty: what the run trained with)
     * @param evalBatchSize rows per generation batch
     */
    static SavedEcgLlm load(
            Row run,
            Configuration hadoop,
            Optional<Path> model,
            Optional<Path> tokenizerDir,
            Optional<DataType> dtype,
            int evalBatchSize)
            throws IOException {
        String runId = run.getAs("run_id");
        Path checkpoint = CheckpointStore.localCopy(run.getAs("checkpoint_uri"), hadoop);
        Path base = model.isPresent()
                ? model.get()
                : CheckpointStore.localCopy(EcgLlmCheckpoint.readBaseModel(checkpoint), hadoop);
        // After the checkpoint's files are read: a run whose folder is gone fails naming it, whatever its parameters.
        LlmRunParams params = LlmRunParams.of(run);
        DataType type = dtype.orElse(BaseDtype.parse(params.dtype()));
        LOG.info("loading ECG-LLM run {} (checkpoint {}, base {}, {})", runId, run.getAs("checkpoint_uri"), base, type);
        Qwen3Tokenizer tokenizer = Qwen3Tokenizer.load(tokenizerDir.orElse(base));
        NDManager manager = NDManager.newBaseManager();
        try {
            Qwen3ForCausalLM lm = Qwen3Checkpoint.load(base, manager, type);
            EcgLlm llm = EcgLlmCheckpoint.load(checkpoint, lm);
            EcgPromptTokens tokens = new EcgPromptTokens(tokenizer, llm.config().prompt());
            return new SavedEcgLlm(
                    runId,
                    params.encoder(),
                    tokenizer,
                    manager,
                    new EcgLlmAnswerer(llm, tokens, tokenizer, evalBatchSize),
                    llm.config().prompt().parser());
        } catch (IOException | RuntimeException e) {
            manager.close();
            tokenizer.close();
            throw e;
        }
    }

    /** The run id. */
    public String runId() {
        return runId;
    }

    /** The MS-CNN run whose features the LLM was trained on. */
    public String encoderRun() {
        return encoderRun;
    }

    /** Answers every row of {@code data} and scores the answers next to the encoder alone. */
    SplitAnswers answer(FeatureSplit data) {
        return SplitAnswers.of(answerer, parser, data);
    }

    @Override
    public void close() {
        try {
            manager.close();
        } finally {
            tokenizer.close();
        }
    }
}
