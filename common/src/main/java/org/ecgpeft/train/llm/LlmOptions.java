package org.ecgpeft.train.llm;

import java.util.List;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.ecgllm.EcgLlmConfig;
import org.ecgpeft.model.qwen3.Qwen3MemoryBudget;

/**
 * The ECG-LLM training options the {@code ecg-llm train} tool and the {@code train-llm} job share, declared and read
 * once so both spell, default and check them the same way. Several defaults depend on {@code --tiny} (the local CPU
 * proof): the study's and the proof's are given in the help.
 */
public final class LlmOptions {

    /** Feature width before the features are read; the commands set the real one with {@code withFeatureDim}. */
    private static final int FEATURE_DIM = 1024;

    private LlmOptions() {}

    /** The base model: a Qwen3 folder, or the tiny random one of the local CPU proof. */
    public static List<Opt> base() {
        return List.of(
                Opt.value("model", "DIR", null, "Qwen3 model folder (config.json, safetensors, tokenizer.json)"),
                Opt.flag("tiny", "train a tiny random-init Qwen3 instead (the local CPU proof)"));
    }

    /** The training loop's, LoRA's and the prompt's options. */
    public static List<Opt> training() {
        return List.of(
                Opt.value("dtype", "fp32|fp16", "fp32", "frozen base weights (fp16 for Qwen3-8B on a GPU)"),
                Opt.value("epochs", "N", null, "epochs (default 3; 4 with --tiny)"),
                Opt.value("batch-size", "N", "4", "rows per micro-batch"),
                Opt.value("grad-accum", "N", null, "micro-batches per optimizer step (default 4; 1 with --tiny)"),
                Opt.value("lr", "X", null, "peak learning rate (default 1e-4; 5e-3 with --tiny)"),
                Opt.value("warmup", "N", null, "warm-up optimizer steps (default 100; 2 with --tiny)"),
                Opt.value("weight-decay", "X", "0", "AdamW weight decay"),
                Opt.value("max-grad-norm", "X", "1", "gradient clipping norm"),
                Opt.value("log-every", "N", null, "optimizer steps between progress lines (default 10; 5 with --tiny)"),
                Opt.value("lora-rank", "N", "16", "LoRA rank"),
                Opt.value("lora-alpha", "X", "32", "LoRA alpha"),
                Opt.value("lora-dropout", "X", "0.05", "LoRA dropout"),
                Opt.value("language", "zh|en", "zh", "prompt and answer language"),
                Opt.value("max-new-tokens", "N", "64", "longest generated answer"),
                Opt.value("eval-batch-size", "N", "16", "rows per generation batch"),
                Opt.flag("validate-each-epoch", "answer the validation split after every epoch (curve points)"),
                Opt.value("seed", "N", "42", "data order and dropout seed"));
    }

    /** The training loop's settings; {@code tiny} picks the local proof's defaults. */
    public static LlmTrainingConfig training(ParsedArgs a, boolean tiny) {
        return new LlmTrainingConfig(
                intOr(a, "epochs", tiny ? 4 : 3),
                a.integer("batch-size", 1),
                intOr(a, "grad-accum", tiny ? 1 : 4),
                a.given("lr") ? a.real("lr") : tiny ? 5e-3 : 1e-4,
                intOr(a, "warmup", tiny ? 2 : 100),
                a.real("weight-decay"),
                a.real("max-grad-norm"),
                a.longValue("seed"),
                intOr(a, "log-every", tiny ? 5 : 10),
                a.integer("eval-batch-size", 1));
    }

    /** LoRA and the prompt, at the study's feature width until the features are read. */
    public static EcgLlmConfig model(ParsedArgs a) {
        return new EcgLlmConfig(
                FEATURE_DIM,
                a.integer("lora-rank", 1),
                a.real("lora-alpha"),
                a.real("lora-dropout"),
                Qwen3MemoryBudget.PROJECTIONS,
                0.1,
                a.string("language"),
                a.integer("max-new-tokens", 1));
    }

    private static int intOr(ParsedArgs a, String name, int fallback) {
        return a.given(name) ? a.integer(name) : fallback;
    }
}
