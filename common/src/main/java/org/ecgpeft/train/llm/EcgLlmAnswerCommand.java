package org.ecgpeft.train.llm;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.cli.Tool;
import org.ecgpeft.ecgllm.EcgLlm;
import org.ecgpeft.ecgllm.EcgLlmCheckpoint;
import org.ecgpeft.ecgllm.EcgLlmConfig;
import org.ecgpeft.ecgllm.EcgPromptTokens;
import org.ecgpeft.model.qwen3.Qwen3Checkpoint;
import org.ecgpeft.model.qwen3.Qwen3ForCausalLM;
import org.ecgpeft.model.qwen3.Qwen3Tokenizer;
import org.ecgpeft.train.BaseDtype;

/**
 * {@code ecg-llm answer}: reloads an ECG-LLM checkpoint onto its base model, answers a features file and logs the
 * comparison with the encoder; with {@code --out} also writes the answers and {@code metrics.json} beside them.
 */
public final class EcgLlmAnswerCommand implements Tool<EcgLlmAnswerCommand.Config> {

    /**
     * The validated command line.
     *
     * @param model the base model folder (empty: the one the checkpoint names)
     * @param tokenizer the tokenizer folder (empty: the base model folder)
     * @param out the answers CSV (empty: answers are only logged)
     */
    public record Config(
            Path checkpoint,
            Path features,
            Optional<Path> model,
            Optional<Path> tokenizer,
            DataType dtype,
            int evalBatchSize,
            Optional<Path> out) {}

    @Override
    public String name() {
        return "ecg-llm answer";
    }

    @Override
    public Options options() {
        return new Options(
                name(),
                "Answer a features file with a saved ECG-LLM checkpoint.",
                null,
                List.of(
                        Opt.value("checkpoint", "DIR", null, "an epoch checkpoint of ecg-llm train (LoRA + projector)"),
                        Opt.value("features", "FILE", null, "safetensors with features [N,1024] and labels [N]"),
                        Opt.value("model", "DIR", null, "Qwen3 base folder (default: the one the checkpoint names)"),
                        Opt.value("tokenizer", "DIR", null, "folder with tokenizer.json (default: the model folder)"),
                        Opt.value("dtype", "fp32|fp16", "fp32", "frozen base weights (fp16 for Qwen3-8B on a GPU)"),
                        Opt.value("eval-batch-size", "N", "16", "rows per generation batch"),
                        Opt.value("out", "FILE", null, "answers CSV (metrics.json is written beside it)")));
    }

    @Override
    public Config configure(ParsedArgs a) {
        return new Config(
                a.path("checkpoint"),
                a.path("features"),
                a.given("model") ? Optional.of(a.path("model")) : Optional.empty(),
                a.given("tokenizer") ? Optional.of(a.path("tokenizer")) : Optional.empty(),
                BaseDtype.parse(a.string("dtype")),
                a.integer("eval-batch-size", 1),
                a.given("out") ? Optional.of(a.path("out")) : Optional.empty());
    }

    @Override
    public void run(Config c) throws IOException {
        EcgLlmConfig config = EcgLlmCheckpoint.readConfig(c.checkpoint());
        Path modelDir =
                c.model().isPresent() ? c.model().get() : Path.of(EcgLlmCheckpoint.readBaseModel(c.checkpoint()));
        Path tokenizerDir = c.tokenizer().orElse(modelDir);
        EcgFeatureSet set = EcgFeatureSet.read(c.features());
        try (Qwen3Tokenizer tokenizer = Qwen3Tokenizer.load(tokenizerDir);
                NDManager manager = NDManager.newBaseManager()) {
            Qwen3ForCausalLM lm = Qwen3Checkpoint.load(modelDir, manager, c.dtype());
            EcgLlm model = EcgLlmCheckpoint.load(c.checkpoint(), lm);
            EcgPromptTokens tokens = new EcgPromptTokens(tokenizer, config.prompt());
            EcgLlmAnswerer answerer = new EcgLlmAnswerer(model, tokens, tokenizer, c.evalBatchSize());
            Path csv = c.out().orElse(null);
            EcgLlmCommand.report(answerer, set, config, csv, csv == null ? null : csv.resolveSibling("metrics.json"));
        }
    }
}
