package org.ecgpeft.train.llm;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.cli.Tool;
import org.ecgpeft.ecgllm.EcgLlm;
import org.ecgpeft.ecgllm.EcgLlmConfig;
import org.ecgpeft.ecgllm.EcgPromptTokens;
import org.ecgpeft.ecgllm.TinyQwen3Base;
import org.ecgpeft.model.qwen3.Qwen3Checkpoint;
import org.ecgpeft.model.qwen3.Qwen3Config;
import org.ecgpeft.model.qwen3.Qwen3ForCausalLM;
import org.ecgpeft.model.qwen3.Qwen3Tokenizer;
import org.ecgpeft.train.BaseDtype;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ecg-llm train}: holds out {@code --holdout} of the rows (deterministic by seed), trains LoRA + projector with
 * a checkpoint per epoch under {@code OUT/checkpoints}, then answers the held-out rows and writes
 * {@code heldout.safetensors}, {@code answers.csv}, {@code metrics.json} and {@code curves.csv} into OUT.
 * {@code --tiny} writes a tiny random Qwen3 with the real tokenizer's vocabulary to {@code OUT/base} and trains on
 * that (the local CPU proof); its defaults are the proof's, not the study's.
 */
public final class EcgLlmTrainCommand implements Tool<EcgLlmTrainCommand.Config> {

    private static final Logger LOG = LoggerFactory.getLogger(EcgLlmTrainCommand.class);

    /**
     * The validated command line.
     *
     * @param features the features file (empty: {@code synthetic} generated rows)
     * @param model the Qwen3 folder (empty: {@code --tiny}, a tiny random base written to {@code OUT/base})
     */
    public record Config(
            Optional<Path> features,
            int synthetic,
            Optional<Path> model,
            Path tokenizer,
            Path out,
            double holdout,
            DataType dtype,
            LlmTrainingConfig training,
            EcgLlmConfig llm,
            boolean validateEachEpoch) {}

    @Override
    public String name() {
        return "ecg-llm train";
    }

    @Override
    public Options options() {
        List<Opt> opts = new ArrayList<>(List.of(
                Opt.value("features", "FILE", null, "safetensors with features [N,1024], labels [N], encoder_pred [N]"),
                Opt.value("synthetic", "N", null, "train on N generated rows instead of --features")));
        opts.addAll(LlmOptions.base());
        opts.addAll(List.of(
                Opt.value(
                        "tokenizer",
                        "DIR",
                        null,
                        "folder with tokenizer.json (default: --model; with --tiny"
                                + " ${ecg.shared.dir}/fixtures/qwen3-tokenizer)"),
                Opt.value("out", "DIR", null, "output folder: checkpoints/, answers.csv, metrics.json, curves.csv"),
                Opt.value("holdout", "X", "0.2", "share of the rows held out and answered after training")));
        opts.addAll(LlmOptions.training());
        return new Options(name(), "Train the ECG-LLM (Qwen3 + LoRA + projector) on a features file.", null, opts);
    }

    @Override
    public Config configure(ParsedArgs a) {
        boolean tiny = a.flag("tiny");
        if (tiny == a.given("model")) {
            throw new IllegalArgumentException("give exactly one of --model DIR and --tiny");
        }
        if (a.given("features") == a.given("synthetic")) {
            throw new IllegalArgumentException("give exactly one of --features FILE and --synthetic N");
        }
        double holdout = a.real("holdout");
        if (!(holdout > 0 && holdout < 1)) {
            throw new IllegalArgumentException("--holdout must be in (0, 1), got " + holdout);
        }
        Optional<Path> model = tiny ? Optional.empty() : Optional.of(a.path("model"));
        Path tokenizer = a.given("tokenizer") ? a.path("tokenizer") : tiny ? sharedTokenizer() : model.orElseThrow();
        return new Config(
                a.given("features") ? Optional.of(a.path("features")) : Optional.empty(),
                a.given("synthetic") ? a.integer("synthetic", 2) : 0,
                model,
                tokenizer,
                a.path("out"),
                holdout,
                BaseDtype.parse(a.string("dtype")),
                LlmOptions.training(a, tiny),
                LlmOptions.model(a),
                a.flag("validate-each-epoch"));
    }

    @Override
    public void run(Config c) throws IOException {
        Path out = c.out();
        Files.createDirectories(out);
        LlmTrainingConfig training = c.training();
        EcgFeatureSet all = c.features().isPresent()
                ? EcgFeatureSet.read(c.features().get())
                : SyntheticFeatures.generate(c.synthetic(), 1024, 1.0, training.seed());
        EcgLlmConfig config = c.llm().withFeatureDim(all.dim());
        EcgFeatureSet[] split = holdOut(all, c.holdout(), training.seed());
        split[1].write(out.resolve("heldout.safetensors"));
        Path modelDir;
        if (c.model().isEmpty()) {
            modelDir = out.resolve("base");
            TinyQwen3Base.write(
                    modelDir, TinyQwen3Base.config(Qwen3Config.VOCAB_SIZE), c.tokenizer(), (int) training.seed());
            LOG.info("tiny random Qwen3 written to {}", modelDir);
        } else {
            modelDir = c.model().get();
        }
        LOG.info("training on {} rows, holding out {} (dims {})", split[0].size(), split[1].size(), all.dim());
        try (Qwen3Tokenizer tokenizer = Qwen3Tokenizer.load(c.tokenizer());
                NDManager manager = NDManager.newBaseManager()) {
            EcgPromptTokens tokens = new EcgPromptTokens(tokenizer, config.prompt());
            Qwen3ForCausalLM lm = Qwen3Checkpoint.load(modelDir, manager, c.dtype());
            EcgLlm model = EcgLlm.create(lm, config, tokenizer.ecgFeatureId(), modelDir.toString());
            EcgLlmAnswerer answerer = new EcgLlmAnswerer(model, tokens, tokenizer, training.evalBatchSize());
            LlmTrainingResult result = new EcgLlmTrainer(training)
                    .fit(
                            model,
                            tokens,
                            split[0],
                            c.validateEachEpoch() ? split[1] : null,
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
            EcgLlmCommand.report(answerer, split[1], config, out.resolve("answers.csv"), out.resolve("metrics.json"));
        }
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
}
