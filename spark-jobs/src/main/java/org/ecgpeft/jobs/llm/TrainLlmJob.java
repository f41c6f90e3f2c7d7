package org.ecgpeft.jobs.llm;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.ecgllm.EcgLlm;
import org.ecgpeft.ecgllm.EcgLlmConfig;
import org.ecgpeft.ecgllm.EcgPromptTokens;
import org.ecgpeft.ecgllm.TinyQwen3Base;
import org.ecgpeft.jobs.cli.Job;
import org.ecgpeft.jobs.features.FeaturesJob;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.runs.CheckpointStore;
import org.ecgpeft.lake.runs.RunRegistry;
import org.ecgpeft.lake.runs.TrainedRun;
import org.ecgpeft.model.qwen3.Qwen3Checkpoint;
import org.ecgpeft.model.qwen3.Qwen3Config;
import org.ecgpeft.model.qwen3.Qwen3ForCausalLM;
import org.ecgpeft.model.qwen3.Qwen3Tokenizer;
import org.ecgpeft.train.BaseDtype;
import org.ecgpeft.train.llm.EcgFeatureSet;
import org.ecgpeft.train.llm.EcgLlmAnswerer;
import org.ecgpeft.train.llm.EcgLlmTrainer;
import org.ecgpeft.train.llm.LlmOptions;
import org.ecgpeft.train.llm.LlmTrainingConfig;
import org.ecgpeft.train.llm.LlmTrainingResult;
import org.ecgpeft.train.study.PeakMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code train-llm}: fine-tunes the ECG-LLM (frozen Qwen3 + LoRA + feature projector) on the driver from
 * the train split of {@code ecg_features}, checkpoints LoRA + projector under
 * {@code <table root>/checkpoints/<run id>/epoch-NNN}, then answers the test split and records: the run in
 * {@code ecg_models} (family {@code qwen3-ecgllm}, peft {@code lora}) with its curves, the parsed answers'
 * metrics in {@code ecg_metrics} (level {@code llm}) next to the encoder alone on the same windows (the
 * encoder's run, level {@code segment}), and the answers in {@code ecg_predictions} (see
 * {@link LlmPredictions} for how text answers become rows). Every write is a MERGE or replace, so a re-run
 * with the same settings replaces its rows.
 */
public final class TrainLlmJob implements Job<TrainLlmConfig> {
    /** The {@code ecg_models.family} of ECG-LLM runs. */
    public static final String FAMILY = "qwen3-ecgllm";

    private static final Logger LOG = LoggerFactory.getLogger(TrainLlmJob.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "train-llm";
    }

    @Override
    public Options options() {
        List<Opt> opts = new ArrayList<>(List.of(
                Opt.value("tables", "DIR", "./ecg-lake", "Delta table root (local folder or Hadoop URI)"),
                Opt.value(
                        "encoder", "RUN_ID", null, "MS-CNN run whose features to use (default: the newest mscnn run)"),
                Opt.value("data-version", "V", null, "features' data version (default: the encoder's training data)")));
        opts.addAll(LlmOptions.base());
        opts.addAll(List.of(Opt.value(
                "tokenizer", "DIR", null, "folder with tokenizer.json (default: --model; required with --tiny)")));
        opts.addAll(LlmOptions.training());
        opts.addAll(List.of(
                Opt.value("max-train-rows", "N", "0", "train on a seeded subset of N rows (0: all)"),
                Opt.value("train-af-share", "X", "0.5", "AF share of that subset: a number in (0, 1) or natural")));
        return new Options(
                name(), "Train the ECG-LLM (Qwen3 + LoRA) on ecg_features, answer the test split.", null, opts);
    }

    @Override
    public TrainLlmConfig configure(ParsedArgs a) {
        boolean tiny = a.flag("tiny");
        LlmTrainingConfig training = LlmOptions.training(a, tiny);
        EcgLlmConfig llm = LlmOptions.model(a);
        return new TrainLlmConfig(
                a.string("tables"),
                a.optional("encoder"),
                a.optional("data-version"),
                a.optional("model").map(Path::of),
                tiny,
                a.optional("tokenizer").map(Path::of),
                BaseDtype.parse(a.string("dtype")),
                llm,
                training,
                a.flag("validate-each-epoch"),
                new TrainRowSubset(
                        a.integer("max-train-rows"),
                        TrainRowSubset.parseShare(a.string("train-af-share")),
                        a.longValue("seed")));
    }

    @Override
    public void run(SparkSession spark, TrainLlmConfig config) throws IOException {
        train(spark, config);
    }

    /** Trains, answers the test split and writes the tables. */
    public TrainLlmResult train(SparkSession spark, TrainLlmConfig config) throws IOException {
        Lake lake = new Lake(spark, config.tablesRoot());
        RunRegistry registry = new RunRegistry(spark, lake);
        Row encoder = FeaturesJob.encoderRun(registry, config.encoderRun());
        String encoderRun = encoder.getAs("run_id");
        String dataVersion = config.dataVersion().orElse(encoder.getAs("data_version"));
        Dataset<Row> rows = FeatureSplit.rows(lake, encoderRun, dataVersion);
        FeatureSplit train = FeatureSplit.collect(rows, "train");
        FeatureSplit val = FeatureSplit.collect(rows, "val");
        FeatureSplit test = FeatureSplit.collect(rows, "test");
        EcgFeatureSet trainSet = config.trainRows().apply(train.set());
        EcgLlmConfig llmConfig = config.llm().withFeatureDim(trainSet.dim());
        String hyperParams = hyperParams(config, llmConfig, encoderRun);
        String runId = RunRegistry.runId("ecgllm", dataVersion, hyperParams);
        CheckpointStore checkpoints = registry.checkpoints();
        String location = checkpoints.location(runId);
        Path staged = checkpoints.stagingDir(runId);
        LOG.info(
                "ECG-LLM run {} on {} features of {}: {} train, {} val, {} test rows",
                runId,
                encoderRun,
                dataVersion,
                trainSet.size(),
                val.set().size(),
                test.set().size());

        Path modelDir;
        String baseModel;
        if (config.tiny()) {
            modelDir = staged.resolve("base");
            TinyQwen3Base.write(modelDir, TinyQwen3Base.config(Qwen3Config.VOCAB_SIZE), config.tokenizerDir(), (int)
                    config.training().seed());
            baseModel = location + "/base";
        } else {
            modelDir = config.model().orElseThrow();
            baseModel = modelDir.toString();
        }
        try (Qwen3Tokenizer tokenizer = Qwen3Tokenizer.load(config.tiny() ? modelDir : config.tokenizerDir());
                NDManager manager = NDManager.newBaseManager()) {
            Qwen3ForCausalLM lm = Qwen3Checkpoint.load(modelDir, manager, config.dtype());
            EcgLlm model = EcgLlm.create(lm, llmConfig, tokenizer.ecgFeatureId(), baseModel);
            EcgPromptTokens tokens = new EcgPromptTokens(tokenizer, llmConfig.prompt());
            EcgLlmAnswerer answerer = new EcgLlmAnswerer(
                    model, tokens, tokenizer, config.training().evalBatchSize());
            LlmTrainingResult result = new EcgLlmTrainer(config.training())
                    .fit(
                            model,
                            tokens,
                            trainSet,
                            config.validateEachEpoch() ? val.set() : null,
                            answerer,
                            staged,
                            baseModel);
            String checkpoint = location + "/" + result.lastCheckpoint().getFileName();

            SplitAnswers answers = SplitAnswers.of(answerer, llmConfig.prompt().parser(), test);
            checkpoints.publish(runId);

            registry.register(new TrainedRun(
                    runId,
                    FAMILY,
                    "lora",
                    hyperParams,
                    model.countParameters(true),
                    model.countParameters(false),
                    checkpoint,
                    result.seconds(),
                    PeakMemory.residentPeakBytes().orElse(null),
                    dataVersion));
            registry.writeCurves(runId, result.curves());
            answers.write(spark, lake, runId, encoderRun, dataVersion, "test", test);
            return new TrainLlmResult(
                    runId, encoderRun, dataVersion, checkpoint, result, answers.llm(), answers.encoder());
        }
    }

    /** The run's settings as JSON: what makes two runs the same run. */
    private static String hyperParams(TrainLlmConfig config, EcgLlmConfig llm, String encoderRun) {
        ObjectNode n = JSON.createObjectNode();
        n.put(
                "base_model",
                config.tiny()
                        ? "tiny-random-qwen3"
                        : config.model().orElseThrow().toString());
        n.put("dtype", config.dtype() == DataType.FLOAT16 ? "fp16" : "fp32");
        n.put("encoder", encoderRun);
        n.set("ecg_llm", JSON.valueToTree(llm));
        n.set("training", config.training().toJson());
        n.put("validate_each_epoch", config.validateEachEpoch());
        n.put("max_train_rows", config.trainRows().max());
        n.put("train_af_share", config.trainRows().shareName());
        return n.toString();
    }
}
