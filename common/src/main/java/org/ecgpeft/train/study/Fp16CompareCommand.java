package org.ecgpeft.train.study;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.cli.Tool;
import org.ecgpeft.cli.ToolMain;
import org.ecgpeft.model.qwen3.Qwen3Config;

/**
 * {@code bench-fp16}: FP16 frozen base against FP32, per model ({@link Fp16Comparison}); prints one JSON object per
 * model with the max absolute and relative differences of the logits and the trainable gradients, and whether FP16
 * stayed finite. Presets are random-init at their real width, cut to {@code --layers}; a folder loads a checkpoint.
 */
public final class Fp16CompareCommand implements Tool<Fp16CompareCommand.Config> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PRESETS = List.of("wav2vec2-base", "hubert-base-ls960", "ecg-fm", "qwen3-8b");

    /**
     * The validated command line.
     *
     * @param samples encoder samples per row; 0: the family's default
     * @param vocab Qwen3 vocabulary; 0: the preset's
     */
    record Config(
            List<String> models,
            int layers,
            PeftMethod peft,
            int batch,
            int samples,
            int seq,
            int vocab,
            Device device) {}

    @Override
    public String name() {
        return "bench-fp16";
    }

    @Override
    public Options options() {
        return new Options(
                name(),
                "FP16 frozen base against FP32 per model: max abs / relative differences, overflow.",
                null,
                List.of(
                        Opt.value(
                                "model",
                                "NAME|DIR",
                                "all",
                                "all, wav2vec2-base, hubert-base-ls960, ecg-fm, qwen3-8b or a checkpoint folder"),
                        Opt.value("layers", "K", "1", "layers of the random-init presets"),
                        Opt.value("peft", "METHOD", "lora", "lora, houlsby or pfeiffer (Qwen3: lora)"),
                        Opt.value("batch-size", "N", "2", "rows per batch").alias("batch"),
                        Opt.value("samples", "N", "0", "samples per encoder input (0: 16,000; ECG-FM 2,500)"),
                        Opt.value("seq", "N", "32", "Qwen3 tokens per row"),
                        Opt.value("vocab", "N", "0", "cut Qwen3's vocabulary to N (0: the full 151,936)"),
                        Opt.value("device", "cpu|gpu", "cpu", "where to run")));
    }

    @Override
    public Config configure(ParsedArgs a) {
        String model = a.string("model");
        return new Config(
                model.equals("all") ? PRESETS : List.of(model),
                a.integer("layers", 1),
                PeftMethod.parse(a.string("peft")),
                a.integer("batch-size", 1),
                a.integer("samples", 0),
                a.integer("seq", 1),
                a.integer("vocab", 0),
                TrainBenchmark.parseDevice(a.string("device")));
    }

    public static void main(String[] args) throws Exception {
        ToolMain.main(new Fp16CompareCommand(), args);
    }

    @Override
    public void run(Config config) throws IOException {
        TrainBenchmark.requireDevice(config.device());
        for (String model : config.models()) {
            System.out.println(JSON.writeValueAsString(compare(model, config)));
        }
    }

    static Map<String, Object> compare(String model, Config o) throws IOException {
        int layers = o.layers();
        int batch = o.batch();
        boolean preset = TrainBenchmark.isPreset(model);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model);
        Fp16Comparison.Difference d;
        try (NDManager manager = NDManager.newBaseManager(o.device())) {
            if (TrainBenchmark.isQwen3(model)) {
                int seq = o.seq();
                Qwen3Config config = Qwen3Config.qwen3_8B().withNumHiddenLayers(layers);
                int vocab = o.vocab() > 0 ? o.vocab() : config.vocabSize();
                // A cut vocabulary keeps the width and saves the two 151,936 x 4,096 matrices on a small machine.
                config = new Qwen3Config(
                        config.hiddenSize(),
                        config.intermediateSize(),
                        layers,
                        config.numAttentionHeads(),
                        config.numKeyValueHeads(),
                        config.headDim(),
                        config.rmsNormEps(),
                        config.ropeTheta(),
                        config.maxPositionEmbeddings(),
                        vocab,
                        config.tieWordEmbeddings(),
                        config.attentionBias());
                out.put("layers", preset ? layers : "checkpoint");
                if (preset) {
                    out.put("vocab", vocab);
                }
                out.put("peft", "lora");
                out.put("shape", batch + "x" + seq);
                d = Fp16Comparison.qwen3(config, preset ? null : Path.of(model), batch, seq, manager);
            } else {
                Family family = TrainBenchmark.family(model);
                PeftMethod method = o.peft();
                int samples = o.samples() > 0 ? o.samples() : family == Family.ECGFM ? 2_500 : 16_000;
                BaseSpec base = preset
                        ? BaseSpec.randomInit(family.preset().withNumHiddenLayers(layers))
                        : BaseSpec.pretrained(Path.of(model));
                out.put("layers", preset ? layers : "checkpoint");
                out.put("peft", method.key());
                out.put("shape", batch + "x" + samples);
                d = Fp16Comparison.encoder(family, base, method, batch, samples, manager);
            }
        }
        out.put("logits_max_abs", d.logitsMaxAbs());
        out.put("logits_max_rel", d.logitsMaxRel());
        out.put("grads_max_abs", d.gradsMaxAbs());
        out.put("grads_max_rel", d.gradsMaxRel());
        out.put("fp16_finite", d.finite());
        return out;
    }
}
