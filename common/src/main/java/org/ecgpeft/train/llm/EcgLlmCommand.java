package org.ecgpeft.train.llm;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.ecgpeft.ecgllm.EcgLlm;
import org.ecgpeft.ecgllm.EcgLlmCheckpoint;
import org.ecgpeft.ecgllm.EcgLlmConfig;
import org.ecgpeft.ecgllm.EcgPromptTokens;
import org.ecgpeft.ecgllm.TinyQwen3Base;
import org.ecgpeft.eval.AnswerParser;
import org.ecgpeft.model.qwen3.Qwen3Checkpoint;
import org.ecgpeft.model.qwen3.Qwen3ForCausalLM;
import org.ecgpeft.model.qwen3.Qwen3MemoryBudget;
import org.ecgpeft.model.qwen3.Qwen3Tokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command line for the ECG-LLM, Spark-free:
 * <pre>
 * train  (--features FILE | --synthetic N) (--model DIR | --tiny) --out DIR [options]
 * answer --checkpoint DIR --features FILE [--model DIR] [options]
 * </pre>
 * {@code train} holds out {@code --holdout} of the rows (deterministic by seed), trains LoRA + projector with
 * a checkpoint per epoch under {@code OUT/checkpoints}, then answers the held-out rows and writes
 * {@code heldout.safetensors}, {@code answers.csv}, {@code metrics.json} and {@code curves.csv} into OUT.
 * {@code --tiny} writes a tiny random Qwen3 with the real tokenizer's vocabulary to {@code OUT/base} and trains on
 * that (the local CPU proof); its defaults are the proof's, not the study's (see {@link #usage()}).
 * {@code answer} reloads a checkpoint onto its base model and answers a features file.
 */
public final class EcgLlmCommand {

    private static final Logger LOG = LoggerFactory.getLogger(EcgLlmCommand.class);
    private static final Set<String> TRAIN_VALUES = Set.of(
            "--features",
            "--synthetic",
            "--model",
            "--tokenizer",
            "--out",
            "--holdout",
            "--epochs",
            "--batch-size",
            "--grad-accum",
            "--lr",
            "--warmup",
            "--weight-decay",
            "--max-grad-norm",
            "--seed",
            "--log-every",
            "--eval-batch-size",
            "--lora-rank",
            "--lora-alpha",
            "--lora-dropout",
            "--language",
            "--max-new-tokens",
            "--dtype");
    private static final Set<String> ANSWER_VALUES =
            Set.of("--checkpoint", "--model", "--tokenizer", "--features", "--eval-batch-size", "--dtype", "--out");
    private static final int TINY_VOCAB = 151936;

    private EcgLlmCommand() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0
                || List.of(args).contains("--help")
                || List.of(args).contains("-h")) {
            System.out.println(usage());
            return;
        }
        try {
            switch (args[0]) {
                case "train" ->
                    train(new CommandOptions(args, 1, TRAIN_VALUES, Set.of("--tiny", "--validate-each-epoch")));
                case "answer" -> answer(new CommandOptions(args, 1, ANSWER_VALUES, Set.of()));
                default -> throw new IllegalArgumentException("unknown command '" + args[0] + "' (train, answer)");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
        }
    }

    static String usage() {
        return String.join(
                "\n",
                "usage: ecg-llm train (--features FILE | --synthetic N) (--model DIR | --tiny) --out DIR [options]",
                "       ecg-llm answer --checkpoint DIR --features FILE [--model DIR] [--tokenizer DIR]",
                "                      [--eval-batch-size 16] [--dtype fp32|fp16] [--out answers.csv]",
                "features file: safetensors with features [N,1024], labels [N] (0/1), optional encoder_pred [N]",
                "train options (study defaults; with --tiny the defaults in brackets):",
                "  --holdout 0.2  --epochs 3 [4]  --batch-size 4  --grad-accum 4 [1]  --lr 1e-4 [5e-3]  --warmup 100 [2]",
                "  --weight-decay 0  --max-grad-norm 1  --seed 42  --log-every 10 [5]  --eval-batch-size 16",
                "  --lora-rank 16  --lora-alpha 32  --lora-dropout 0.05  --language zh|en  --max-new-tokens 64",
                "  --dtype fp32|fp16 (base weights; fp16 for Qwen3-8B on a GPU)  --tokenizer DIR (default: the model",
                "  folder; with --tiny: ${ecg.shared.dir}/fixtures/qwen3-tokenizer)  --validate-each-epoch");
    }

    static void train(CommandOptions o) throws IOException {
        boolean tiny = o.has("--tiny");
        if (tiny == o.has("--model")) {
            throw new IllegalArgumentException("give exactly one of --model DIR and --tiny");
        }
        if (o.has("--features") == o.has("--synthetic")) {
            throw new IllegalArgumentException("give exactly one of --features FILE and --synthetic N");
        }
        Path out = Path.of(o.required("--out"));
        Files.createDirectories(out);
        LlmTrainingConfig training = new LlmTrainingConfig(
                o.integer("--epochs", tiny ? 4 : 3),
                o.integer("--batch-size", 4),
                o.integer("--grad-accum", tiny ? 1 : 4),
                o.number("--lr", tiny ? 5e-3 : 1e-4),
                o.integer("--warmup", tiny ? 2 : 100),
                o.number("--weight-decay", 0),
                o.number("--max-grad-norm", 1),
                o.integer("--seed", 42),
                o.integer("--log-every", tiny ? 5 : 10),
                o.integer("--eval-batch-size", 16));
        EcgFeatureSet all = o.has("--features")
                ? EcgFeatureSet.read(Path.of(o.required("--features")))
                : SyntheticFeatures.generate(o.integer("--synthetic", 0), 1024, 1.0, training.seed());
        EcgLlmConfig config = new EcgLlmConfig(
                all.dim(),
                o.integer("--lora-rank", 16),
                o.number("--lora-alpha", 32),
                o.number("--lora-dropout", 0.05),
                Qwen3MemoryBudget.PROJECTIONS,
                0.1,
                o.string("--language", "zh"),
                o.integer("--max-new-tokens", 64));
        EcgFeatureSet[] split = holdOut(all, o.number("--holdout", 0.2), training.seed());
        split[1].write(out.resolve("heldout.safetensors"));
        Path modelDir;
        Path tokenizerDir;
        if (tiny) {
            tokenizerDir = o.has("--tokenizer") ? Path.of(o.required("--tokenizer")) : sharedTokenizer();
            modelDir = out.resolve("base");
            TinyQwen3Base.write(modelDir, TinyQwen3Base.config(TINY_VOCAB), tokenizerDir, (int) training.seed());
            LOG.info("tiny random Qwen3 written to {}", modelDir);
        } else {
            modelDir = Path.of(o.required("--model"));
            tokenizerDir = Path.of(o.string("--tokenizer", modelDir.toString()));
        }
        LOG.info("training on {} rows, holding out {} (dims {})", split[0].size(), split[1].size(), all.dim());
        try (Qwen3Tokenizer tokenizer = Qwen3Tokenizer.load(tokenizerDir);
                NDManager manager = NDManager.newBaseManager()) {
            EcgPromptTokens tokens = new EcgPromptTokens(tokenizer, config.prompt());
            Qwen3ForCausalLM lm = Qwen3Checkpoint.load(modelDir, manager, dtype(o.string("--dtype", "fp32")));
            EcgLlm model = EcgLlm.create(lm, config, tokenizer.ecgFeatureId(), modelDir.toString());
            EcgLlmAnswerer answerer = new EcgLlmAnswerer(model, tokens, tokenizer, training.evalBatchSize());
            boolean validate = o.has("--validate-each-epoch");
            LlmTrainingResult result = new EcgLlmTrainer(training)
                    .fit(
                            model,
                            tokens,
                            split[0],
                            validate ? split[1] : null,
                            answerer,
                            out.resolve("checkpoints"),
                            modelDir.toString());
            LOG.info(String.format(
                    Locale.ROOT,
                    "trained %d optimizer steps in %.1f s, final loss %.4f; checkpoint %s",
                    result.optimizerSteps(),
                    result.seconds(),
                    result.finalTrainLoss(),
                    result.lastCheckpoint()));
            LlmRunFiles.writeCurves(out.resolve("curves.csv"), result.curves());
            report(answerer, split[1], config, out.resolve("answers.csv"), out.resolve("metrics.json"));
        }
    }

    static void answer(CommandOptions o) throws IOException {
        Path checkpoint = Path.of(o.required("--checkpoint"));
        EcgLlmConfig config = EcgLlmCheckpoint.readConfig(checkpoint);
        Path modelDir = Path.of(o.string("--model", EcgLlmCheckpoint.readBaseModel(checkpoint)));
        Path tokenizerDir = Path.of(o.string("--tokenizer", modelDir.toString()));
        EcgFeatureSet set = EcgFeatureSet.read(Path.of(o.required("--features")));
        try (Qwen3Tokenizer tokenizer = Qwen3Tokenizer.load(tokenizerDir);
                NDManager manager = NDManager.newBaseManager()) {
            Qwen3ForCausalLM lm = Qwen3Checkpoint.load(modelDir, manager, dtype(o.string("--dtype", "fp32")));
            EcgLlm model = EcgLlmCheckpoint.load(checkpoint, lm);
            EcgPromptTokens tokens = new EcgPromptTokens(tokenizer, config.prompt());
            EcgLlmAnswerer answerer = new EcgLlmAnswerer(model, tokens, tokenizer, o.integer("--eval-batch-size", 16));
            Path csv = o.has("--out") ? Path.of(o.required("--out")) : null;
            report(answerer, set, config, csv, csv == null ? null : csv.resolveSibling("metrics.json"));
        }
    }

    /** Answers {@code set}, logs the comparison with the encoder and writes the files that are not null. */
    private static LlmComparison report(
            EcgLlmAnswerer answerer, EcgFeatureSet set, EcgLlmConfig config, Path answersCsv, Path metricsJson)
            throws IOException {
        AnswerParser parser = config.prompt().parser();
        List<String> answers = answerer.answer(set);
        LlmComparison comparison = LlmComparison.of(set.labels(), answers, set.encoderPred(), parser);
        LOG.info(comparison.summary());
        answers.stream().distinct().limit(5).forEach(a -> LOG.info("answer: {}", a));
        if (answersCsv != null) {
            Files.createDirectories(answersCsv.toAbsolutePath().getParent());
            LlmRunFiles.writeAnswers(answersCsv, set, answers, parser);
            LlmRunFiles.writeMetrics(metricsJson, comparison);
        }
        return comparison;
    }

    /** Rows split into [train, held-out] by a seeded shuffle; at least one row on each side. */
    static EcgFeatureSet[] holdOut(EcgFeatureSet all, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("--holdout must be in (0, 1), got " + fraction);
        }
        int held = (int) Math.round(all.size() * fraction);
        if (held < 1 || held >= all.size()) {
            throw new IllegalArgumentException(
                    "--holdout " + fraction + " of " + all.size() + " rows leaves an empty side");
        }
        int[] order = new int[all.size()];
        Arrays.setAll(order, i -> i);
        Random random = new Random(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return new EcgFeatureSet[] {
            all.subset(Arrays.copyOfRange(order, held, order.length)), all.subset(Arrays.copyOfRange(order, 0, held))
        };
    }

    private static Path sharedTokenizer() {
        String shared = System.getProperty("ecg.shared.dir");
        if (shared == null) {
            throw new IllegalArgumentException(
                    "--tiny needs --tokenizer DIR (or -Decg.shared.dir with fixtures/qwen3-tokenizer)");
        }
        return Path.of(shared, "fixtures", "qwen3-tokenizer");
    }

    private static DataType dtype(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "fp32", "float32" -> DataType.FLOAT32;
            case "fp16", "float16" -> DataType.FLOAT16;
            default ->
                throw new IllegalArgumentException("--dtype must be fp32 or fp16 (no bf16 in DJL), got '" + name + "'");
        };
    }
}
