package org.ecgpeft.train.study;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecgpeft.model.qwen3.Qwen3Config;
import org.ecgpeft.train.mscnn.CommandLine;

/**
 * {@code bench-fp16}: FP16 frozen base against FP32, per model ({@link Fp16Comparison}); prints one JSON object per
 * model with the max absolute and relative differences of the logits and the trainable gradients, and whether FP16
 * stayed finite. Presets are random-init at their real width, cut to {@code --layers}; a folder loads a checkpoint.
 */
public final class Fp16CompareCommand {

    static final String USAGE = "usage: bench-fp16 [--model all|wav2vec2-base|hubert-base-ls960|ecg-fm|qwen3-8b|DIR]"
            + " [--layers 1] [--peft lora|houlsby|pfeiffer] [--batch 2] [--samples N] [--seq 32] [--vocab N]"
            + " [--device cpu|gpu]";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fp16CompareCommand() {}

    public static void main(String[] args) throws IOException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        try {
            Map<String, String> o = CommandLine.parse(
                    args,
                    List.of("--model", "--layers", "--peft", "--batch", "--samples", "--seq", "--vocab", "--device"),
                    List.of());
            String model = o.getOrDefault("--model", "all");
            List<String> models = model.equals("all")
                    ? List.of("wav2vec2-base", "hubert-base-ls960", "ecg-fm", "qwen3-8b")
                    : List.of(model);
            Device device = TrainBenchmark.parseDevice(o.getOrDefault("--device", "cpu"));
            TrainBenchmark.requireDevice(device);
            for (String m : models) {
                System.out.println(JSON.writeValueAsString(compare(m, o, device)));
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("bench-fp16: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    static Map<String, Object> compare(String model, Map<String, String> o, Device device) throws IOException {
        int layers = CommandLine.integer(o, "--layers", 1);
        int batch = CommandLine.integer(o, "--batch", 2);
        if (layers < 1 || batch < 1) {
            throw new IllegalArgumentException("--layers and --batch must be positive, got " + layers + ", " + batch);
        }
        boolean preset = TrainBenchmark.isPreset(model);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model);
        Fp16Comparison.Difference d;
        try (NDManager manager = NDManager.newBaseManager(device)) {
            if (TrainBenchmark.isQwen3(model)) {
                int seq = CommandLine.integer(o, "--seq", 32);
                Qwen3Config config = Qwen3Config.qwen3_8B().withNumHiddenLayers(layers);
                int vocab = CommandLine.integer(o, "--vocab", config.vocabSize());
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
                PeftMethod method = PeftMethod.parse(o.getOrDefault("--peft", "lora"));
                int samples = CommandLine.integer(o, "--samples", family == Family.ECGFM ? 2_500 : 16_000);
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
