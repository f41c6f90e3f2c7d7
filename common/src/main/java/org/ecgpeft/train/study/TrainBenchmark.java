package org.ecgpeft.train.study;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.cli.Tool;
import org.ecgpeft.cli.ToolMain;
import org.ecgpeft.model.qwen3.GenerationConfig;
import org.ecgpeft.model.qwen3.GreedyGenerator;
import org.ecgpeft.model.qwen3.Qwen3Checkpoint;
import org.ecgpeft.model.qwen3.Qwen3Config;
import org.ecgpeft.model.qwen3.Qwen3ForCausalLM;
import org.ecgpeft.model.qwen3.Qwen3MemoryBudget;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Checkpoints;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;
import org.ecgpeft.peft.Lora;
import org.ecgpeft.peft.LoraConfig;
import org.ecgpeft.train.AdamW;
import org.ecgpeft.train.AdamWOptions;
import org.ecgpeft.train.BaseDtype;

/**
 * {@code bench-train}: one PEFT training configuration at real size (wav2vec2-base, hubert-base-ls960, ECG-FM or
 * Qwen3-8B, random init or {@code --model DIR}), timed step by step on the CPU or the GPU. Prints one JSON object
 * (with {@code --json}) or a line: parameters, median step time after warm-up, samples or tokens per second, peak
 * host and device memory, and for Qwen3 greedy generation with the KV cache.
 */
public final class TrainBenchmark implements Tool<TrainBenchmark.Config> {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The validated command line. {@code layers} 0 keeps the model's depth; {@code samples} 0 the family's default. */
    record Config(
            String model,
            PeftMethod peft,
            Device device,
            DataType dtype,
            int batch,
            int steps,
            int warmup,
            int samples,
            int seq,
            int layers,
            int genTokens,
            boolean json) {}

    @Override
    public String name() {
        return "bench-train";
    }

    @Override
    public Options options() {
        return new Options(
                name(),
                "One PEFT training configuration at real size: step time, throughput, memory, on CPU or GPU.",
                null,
                List.of(
                        Opt.value(
                                "model",
                                "NAME|DIR",
                                null,
                                "wav2vec2-base, hubert-base-ls960, ecg-fm, qwen3-8b or a" + " checkpoint folder"),
                        Opt.value("peft", "METHOD", "lora", "lora, houlsby or pfeiffer (Qwen3: lora)"),
                        Opt.value("device", "cpu|gpu", "cpu", "where to train"),
                        Opt.value("dtype", "fp32|fp16", "fp32", "frozen base weights"),
                        Opt.value("batch-size", "N", null, "rows per step (default 32; 4 for Qwen3)")
                                .alias("batch"),
                        Opt.value("steps", "N", "5", "timed optimizer steps"),
                        Opt.value("warmup", "N", "1", "untimed steps before them"),
                        Opt.value("samples", "N", "0", "samples per encoder input (0: 32,000; ECG-FM 2,500)"),
                        Opt.value("seq", "N", "96", "Qwen3 tokens per row"),
                        Opt.value("layers", "K", "0", "cut a preset to K layers (0: its full depth)"),
                        Opt.value("gen-tokens", "N", "16", "Qwen3 tokens generated with the KV cache (0: none)"),
                        Opt.flag("json", "print one JSON object instead of a line")));
    }

    @Override
    public Config configure(ParsedArgs a) {
        String model = a.string("model");
        boolean qwen = isQwen3(model);
        return new Config(
                model,
                PeftMethod.parse(a.string("peft")),
                parseDevice(a.string("device")),
                BaseDtype.parse(a.string("dtype")),
                a.given("batch-size") ? a.integer("batch-size", 1) : qwen ? 4 : 32,
                a.integer("steps", 1),
                a.integer("warmup", 0),
                a.integer("samples", 0),
                a.integer("seq", 1),
                a.integer("layers", 0),
                a.integer("gen-tokens", 0),
                a.flag("json"));
    }

    public static void main(String[] args) throws Exception {
        ToolMain.main(new TrainBenchmark(), args);
    }

    @Override
    public void run(Config config) throws IOException {
        Map<String, Object> result = measure(config);
        System.out.println(config.json() ? JSON.writeValueAsString(result) : result.toString());
    }

    /** Runs one configuration and returns its figures by name. */
    static Map<String, Object> measure(Config o) throws IOException {
        requireDevice(o.device());
        try (NDManager manager = NDManager.newBaseManager(o.device())) {
            return isQwen3(o.model()) ? qwen3(o, manager) : encoder(o, manager);
        }
    }

    private static Map<String, Object> encoder(Config o, NDManager manager) throws IOException {
        Family family = family(o.model());
        BaseSpec base = isPreset(o.model())
                ? BaseSpec.randomInit(
                        o.layers() > 0 ? family.preset().withNumHiddenLayers(o.layers()) : family.preset())
                : BaseSpec.pretrained(Path.of(o.model()));
        if (base.isPretrained() && o.layers() > 0) {
            throw new IllegalArgumentException("--layers cuts random-init presets only, not a checkpoint");
        }
        Engine.getInstance().setRandomSeed(1);
        PeakMemory memory = PeakMemory.start(o.device());
        PeftClassifier built =
                ModelFactory.build(family, base, new PeftSpec(o.peft(), 16, 32, 0.0, 16, "relu"), manager, o.dtype());
        Wav2Vec2Config config = built.model().base().config();
        int samples = o.samples() > 0 ? o.samples() : family == Family.ECGFM ? 2_500 : 32_000;
        Shape shape = config.inChannels() == 1
                ? new Shape(o.batch(), samples)
                : new Shape(o.batch(), config.inChannels(), samples);
        Random random = new Random(2);
        float[] values = new float[(int) shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        NDArray x = manager.create(values, shape);
        float[] labelValues = new float[o.batch()];
        for (int i = 0; i < labelValues.length; i++) {
            labelValues[i] = i % 2;
        }
        NDArray labels = manager.create(labelValues);
        long total = built.model().countParameters(false);
        long trainable = built.model().countParameters(true);
        List<Double> stepMs;
        try (AdamW optimizer = new AdamW(built.model().trainableParameters(), adamW())) {
            stepMs = time(
                    o,
                    trainStep(
                            manager,
                            optimizer,
                            x,
                            input -> Loss.softmaxCrossEntropyLoss()
                                    .evaluate(
                                            new NDList(labels),
                                            new NDList(built.model()
                                                    .classify(input, null, true)
                                                    .logits()))));
        }
        Map<String, Object> out = header(
                o,
                family.key()
                        + (config.numHiddenLayers() == family.preset().numHiddenLayers()
                                ? ""
                                : " (" + config.numHiddenLayers() + " layers)"),
                total,
                trainable);
        out.put("samples", samples);
        double median = median(stepMs);
        out.put("step_ms", round(median));
        out.put("samples_per_s", round(o.batch() * 1000.0 / median));
        memoryFigures(out, memory, total, trainable);
        return out;
    }

    private static Map<String, Object> qwen3(Config o, NDManager manager) throws IOException {
        if (o.peft() != PeftMethod.LORA) {
            throw new IllegalArgumentException("Qwen3 is benchmarked with LoRA only, got --peft "
                    + o.peft().key());
        }
        Engine.getInstance().setRandomSeed(1);
        PeakMemory memory = PeakMemory.start(o.device());
        Qwen3ForCausalLM lm;
        if (isPreset(o.model())) {
            Qwen3Config config =
                    o.layers() > 0 ? Qwen3Config.qwen3_8B().withNumHiddenLayers(o.layers()) : Qwen3Config.qwen3_8B();
            lm = new Qwen3ForCausalLM(config);
            lm.materialize(manager, o.dtype(), true);
        } else {
            if (o.layers() > 0) {
                throw new IllegalArgumentException("--layers cuts the random-init preset only, not a checkpoint");
            }
            lm = Qwen3Checkpoint.load(Path.of(o.model()), manager, o.dtype());
        }
        // The study's LoRA: r 16, alpha 32, dropout 0.05 on the seven projections, FP32 whatever the base dtype.
        Lora.apply(lm, LoraConfig.of(16, 32, 0.05, Qwen3MemoryBudget.PROJECTIONS, null));
        lm.materialize(manager, DataType.FLOAT32, true);
        int vocab = lm.config().vocabSize();
        Random random = new Random(2);
        long[] ids = new long[o.batch() * (o.seq() + 1)];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(vocab);
        }
        NDArray tokens = manager.create(ids, new Shape(o.batch(), o.seq() + 1));
        NDArray inputs = tokens.get(":, :-1");
        NDArray targets = tokens.get(":, 1:").reshape(-1);
        long total = lm.countParameters(false);
        long trainable = lm.countParameters(true);
        List<Double> stepMs;
        try (AdamW optimizer = new AdamW(lm.trainableParameters(), adamW())) {
            stepMs = time(
                    o,
                    trainStep(
                            manager,
                            optimizer,
                            inputs,
                            in -> Loss.softmaxCrossEntropyLoss()
                                    .evaluate(
                                            new NDList(targets),
                                            new NDList(lm.logits(in, null, true).reshape(-1, vocab)))));
        }
        // A checkpoint is named by its folder; the preset by its name and, when cut, its depth.
        String name = isPreset(o.model())
                ? "qwen3-8b"
                        + (lm.config().numHiddenLayers() == 36
                                ? ""
                                : " (" + lm.config().numHiddenLayers() + " layers)")
                : o.model();
        Map<String, Object> out = header(o, name, total, trainable);
        out.put("seq", o.seq());
        double median = median(stepMs);
        out.put("step_ms", round(median));
        out.put("tokens_per_s", round(o.batch() * o.seq() * 1000.0 / median));
        if (o.genTokens() > 0) {
            out.put("generate_tokens_per_s", round(generationRate(lm, ids, o)));
        }
        memoryFigures(out, memory, total, trainable);
        return out;
    }

    /** Greedy generation of {@code genTokens} new tokens for one prompt of {@code seq} tokens, with the KV cache. */
    private static double generationRate(Qwen3ForCausalLM lm, long[] ids, Config o) {
        long[] prompt = new long[o.seq()];
        System.arraycopy(ids, 0, prompt, 0, prompt.length);
        // No end-of-sequence token: every run generates exactly genTokens tokens.
        GenerationConfig config = GenerationConfig.greedy(o.genTokens(), Set.of(), 0L);
        GreedyGenerator generator = new GreedyGenerator(lm);
        generator.generate(List.of(prompt), config);
        long t0 = System.nanoTime();
        List<long[]> out = generator.generate(List.of(prompt), config);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return out.get(0).length / seconds;
    }

    private interface Step {
        void run();
    }

    /**
     * One optimizer step on a fresh copy of {@code input} in a scratch manager: loss and backward under the
     * gradient collector, then the update outside it (in-place ops on leaves need grad mode off), then the loss read
     * back as a real trainer does.
     */
    private static Step trainStep(
            NDManager manager, AdamW optimizer, NDArray input, Function<NDArray, NDArray> lossOf) {
        return () -> {
            try (NDManager step = manager.newSubManager()) {
                NDArray loss;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray in = input.duplicate();
                    in.attach(step);
                    loss = lossOf.apply(in);
                    gc.backward(loss);
                }
                optimizer.update(1e-4, 1.0, loss);
                loss.getFloat();
            }
        };
    }

    private static List<Double> time(Config o, Step step) {
        for (int i = 0; i < o.warmup(); i++) {
            step.run();
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < o.steps(); i++) {
            long t0 = System.nanoTime();
            step.run();
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        return ms;
    }

    private static Map<String, Object> header(Config o, String model, long total, long trainable) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model);
        out.put("peft", o.peft().key());
        out.put("dtype", o.dtype() == DataType.FLOAT16 ? "fp16" : "fp32");
        out.put("device", o.device().isGpu() ? "gpu" : "cpu");
        out.put("batch", o.batch());
        out.put("steps", o.steps());
        out.put("params_total", total);
        out.put("params_trainable", trainable);
        return out;
    }

    private static void memoryFigures(Map<String, Object> out, PeakMemory memory, long total, long trainable) {
        out.put("peak_memory_mb", round(memory.peakBytes(PeakMemory.modelTensorBytes(total, trainable)) / 1048576.0));
        out.put(
                "host_peak_rss_mb",
                PeakMemory.residentPeakBytes().map(b -> round(b / 1048576.0)).orElse(null));
    }

    private static AdamWOptions adamW() {
        return new AdamWOptions(0.9, 0.999, 1e-8, 0.01, false);
    }

    /** Fails at once, saying what the engine found, when a GPU is asked for and none is visible. */
    static void requireDevice(Device device) {
        if (device.isGpu() && Engine.getInstance().getGpuCount() == 0) {
            Engine engine = Engine.getInstance();
            throw new IllegalStateException(
                    "--device gpu: the " + engine.getEngineName() + " engine "
                            + engine.getVersion()
                            + " sees no CUDA device (its libtorch is a CPU build or CUDA failed to"
                            + " load). Point PYTORCH_LIBRARY_PATH at a CUDA build of libtorch 2.7.1 (e.g. 2.7.1+cu128) or use --device cpu");
        }
    }

    static boolean isQwen3(String model) {
        return model.toLowerCase(Locale.ROOT).startsWith("qwen3") || isQwen3Folder(Path.of(model));
    }

    private static boolean isQwen3Folder(Path folder) {
        Path config = folder.resolve("config.json");
        if (!config.toFile().isFile()) {
            return false;
        }
        try {
            return "qwen3"
                    .equals(JSON.readTree(config.toFile()).path("model_type").asText());
        } catch (IOException e) {
            throw new IllegalArgumentException(config + ": " + e.getMessage(), e);
        }
    }

    static boolean isPreset(String model) {
        return List.of("wav2vec2-base", "hubert-base-ls960", "ecg-fm", "qwen3-8b")
                .contains(model);
    }

    static Family family(String model) throws IOException {
        return switch (model) {
            case "wav2vec2-base" -> Family.WAV2VEC2;
            case "hubert-base-ls960" -> Family.HUBERT;
            case "ecg-fm" -> Family.ECGFM;
            default -> {
                Path path = Path.of(model);
                if (!path.toFile().exists()) {
                    throw new IllegalArgumentException("--model " + model + ": neither a preset (wav2vec2-base,"
                            + " hubert-base-ls960, ecg-fm, qwen3-8b) nor an existing checkpoint");
                }
                String type = Wav2Vec2Checkpoints.readConfig(path).modelType();
                yield switch (type) {
                    case "hubert" -> Family.HUBERT;
                    case "ecg_fm" -> Family.ECGFM;
                    default -> Family.WAV2VEC2;
                };
            }
        };
    }

    static Device parseDevice(String name) {
        return switch (name) {
            case "cpu" -> Device.cpu();
            case "gpu" -> Device.gpu();
            default -> throw new IllegalArgumentException("--device must be cpu or gpu, got '" + name + "'");
        };
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
