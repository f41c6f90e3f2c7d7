package org.ecgpeft.train.study;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.cli.Tool;
import org.ecgpeft.cli.ToolMain;
import org.ecgpeft.model.mscnn.MsCnn;
import org.ecgpeft.model.mscnn.MsCnnConfig;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;
import org.ecgpeft.train.AdamWOptions;
import org.ecgpeft.train.InputPreparer;
import org.ecgpeft.train.LrSchedule;
import org.ecgpeft.train.SegmentDataset;
import org.ecgpeft.train.TrainableModel;
import org.ecgpeft.train.Trainer;
import org.ecgpeft.train.TrainerConfig;

/**
 * Benchmark of the study's model x method grid (a command, not a test):
 * <ol>
 * <li>at the real base sizes (wav2vec2-base, HuBERT-base, ECG-FM), trainable and total parameters from
 * declared shapes (nothing allocated), LoRA r=16 / adapters with reduction factor 16;</li>
 * <li>at the tiny sizes of a plan file on this machine, and for the MS-CNN encoder (compact preset, trained
 * whole, at batch {@code --mscnn-batch-size} x 2,400 samples): the time of one optimizer step in the project's
 * {@link Trainer} and in a plain DJL loop (forward, backward, DJL's AdamW) over the same batches, the minor
 * page faults per trainer step ({@link PeakMemory#minorFaults}: memory given back to the OS and touched
 * again, which is what the launchers' allocator settings avoid), and the process's peak resident set.</li>
 * </ol>
 * Times are the best of {@code --repeats} interleaved runs (robust to other load); {@code --json} prints one
 * JSON object per model x method instead of the tables.
 */
public final class PeftBenchmark implements Tool<PeftBenchmark.Config> {

    private static final double RATE_HZ = 300;
    private static final int SEGMENT = 600;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MODELS = List.of("wav2vec2", "hubert", "ecgfm", "mscnn");

    /** The validated command line. */
    record Config(Path plan, int batch, int steps, int repeats, int mscnnBatch, List<String> models, boolean json) {}

    @Override
    public String name() {
        return "bench-peft";
    }

    @Override
    public Options options() {
        return new Options(
                name(),
                "Parameter counts, step time and memory per model x PEFT method.",
                null,
                List.of(
                        Opt.value("plan", "FILE", "conf/peft-study-local.json", "study plan with the tiny models"),
                        Opt.value("batch-size", "N", "16", "rows per step of the tiny PEFT models"),
                        Opt.value("steps", "N", "10", "optimizer steps per timed run"),
                        Opt.value("repeats", "N", "3", "interleaved timed runs (the best is printed)"),
                        Opt.value("mscnn-batch-size", "N", "32", "rows per step of the MS-CNN"),
                        Opt.value("models", "LIST", String.join(",", MODELS), "comma-separated models to time"),
                        Opt.flag("json", "print one JSON object per model x method instead of the tables")));
    }

    @Override
    public Config configure(ParsedArgs a) {
        List<String> models = List.of(a.string("models").split(","));
        for (String m : models) {
            if (!MODELS.contains(m)) {
                throw new IllegalArgumentException("--models: unknown model '" + m + "' (known: " + MODELS + ")");
            }
        }
        return new Config(
                a.path("plan"),
                a.integer("batch-size", 1),
                a.integer("steps", 1),
                a.integer("repeats", 1),
                a.integer("mscnn-batch-size", 1),
                models,
                a.flag("json"));
    }

    public static void main(String[] args) throws Exception {
        ToolMain.main(new PeftBenchmark(), args);
    }

    @Override
    public void run(Config config) throws IOException {
        Path planFile = config.plan();
        if (!Files.isRegularFile(planFile)) {
            throw new IOException("no plan file " + planFile + " (run from the repository root or pass --plan)");
        }
        int batch = config.batch();
        int steps = config.steps();
        int repeats = config.repeats();
        int mscnnBatch = config.mscnnBatch();
        boolean json = config.json();
        List<String> models = config.models();
        if (!json) {
            printRealSizes();
            System.out.printf(
                    "%nOn %s (%d cores), %d steps, best of %d; tiny PEFT models at batch %d x %d samples,"
                            + " MS-CNN at batch %d x 2400%n",
                    Engine.getInstance().defaultDevice(),
                    Runtime.getRuntime().availableProcessors(),
                    steps,
                    repeats,
                    batch,
                    SEGMENT,
                    mscnnBatch);
            System.out.printf(
                    "%-9s %-9s %10s %10s %11s %11s %7s %13s %9s%n",
                    "model",
                    "method",
                    "trainable",
                    "total",
                    "trainer ms",
                    "plain ms",
                    "ratio",
                    "faults/step",
                    "peak MiB");
        }
        for (Bench bench : benches(StudyPlan.read(planFile), batch, mscnnBatch)) {
            if (models.contains(bench.model())) {
                print(bench.run(steps, repeats), json);
            }
        }
        if (!json) {
            System.out.println("trainer ms: Trainer.fit over one epoch (sampler, AdamW, LR schedule, clipping off)"
                    + " plus one validation batch, per step; plain ms: forward + backward + DJL AdamW per step;"
                    + " faults/step: minor page faults per trainer step; peak MiB: the process's peak resident set");
        }
    }

    private static void printRealSizes() {
        System.out.println("Real base sizes (declared shapes; LoRA r=16 on q/k/v/out_proj, adapters reduction 16)");
        System.out.printf("%-9s %-9s %14s %14s %9s%n", "family", "peft", "trainable", "total", "share");
        for (Family family : Family.values()) {
            for (PeftMethod method : PeftMethod.values()) {
                ParameterBudget b =
                        ParameterBudget.of(family, family.preset(), new PeftSpec(method, 16, 32, 0.05, 16, "relu"));
                System.out.printf(
                        "%-9s %-9s %,14d %,14d %8.3f%%%n",
                        family.key(), method.key(), b.trainable(), b.total(), 100.0 * b.trainable() / b.total());
            }
        }
    }

    /** Builds a fresh model on {@code manager} (same seed every time). */
    @FunctionalInterface
    private interface ModelBuilder {
        Built build(NDManager manager) throws IOException;
    }

    /** A built model: what the trainer and the plain loop train, and its parameter counts. */
    private record Built(TrainableModel model, long trainable, long total) {}

    /** One row: a model x method, its input and batch. */
    private record Bench(
            String model, String method, ModelBuilder builder, InputPreparer preparer, int batch, int length) {

        Result run(int steps, int repeats) throws IOException {
            SegmentDataset train = SegmentDataset.synthetic(batch * steps, RATE_HZ, length, 1);
            // A small validation set: the trainer's per-epoch validation is part of its time, spread over the steps.
            SegmentDataset val = SegmentDataset.synthetic(Math.min(batch, 8), RATE_HZ, length, 2);
            SegmentDataset warm = SegmentDataset.synthetic(batch * 2, RATE_HZ, length, 3);
            TrainerConfig trainer = new TrainerConfig(
                    1,
                    batch,
                    1,
                    1e-3,
                    AdamWOptions.withWeightDecay(0.01),
                    LrSchedule.Kind.CONSTANT,
                    0.0,
                    0.0,
                    false,
                    false,
                    0,
                    1,
                    1_000_000,
                    batch);
            PeakMemory.start(Device.cpu());
            // Warm-up of both paths (JIT, allocator) before anything is timed.
            timeTrainer(trainer, warm, val);
            timePlain(warm);
            // Interleaved repetitions, the fastest of each kept: robust to other load on the machine.
            Timing best = null;
            double plainMs = Double.MAX_VALUE;
            for (int r = 0; r < repeats; r++) {
                Timing t = timeTrainer(trainer, train, val);
                best = best == null || t.stepMs() < best.stepMs() ? t : best;
                plainMs = Math.min(plainMs, timePlain(train));
            }
            long peak = PeakMemory.residentPeakBytes().orElse(-1L);
            return new Result(this, steps, best, plainMs, peak < 0 ? -1 : peak / 1048576.0);
        }

        private Timing timeTrainer(TrainerConfig config, SegmentDataset train, SegmentDataset val) throws IOException {
            try (NDManager m = NDManager.newBaseManager()) {
                m.getEngine().setRandomSeed(1);
                Built built = builder.build(m);
                int steps = (int) Math.ceil((double) train.size() / config.batchSize());
                long faults = PeakMemory.minorFaults();
                long start = System.nanoTime();
                new Trainer(config, preparer).fit(built.model(), train, val);
                double ms = (System.nanoTime() - start) / 1e6 / steps;
                double faultsPerStep = faults < 0 ? -1 : (double) (PeakMemory.minorFaults() - faults) / steps;
                return new Timing(ms, faultsPerStep, built.trainable(), built.total());
            }
        }

        /** The same steps as a plain DJL loop: forward, cross-entropy, backward, DJL's AdamW update. */
        private double timePlain(SegmentDataset train) throws IOException {
            try (NDManager m = NDManager.newBaseManager()) {
                m.getEngine().setRandomSeed(1);
                TrainableModel model = builder.build(m).model();
                Map<String, Parameter> params = model.trainableParameters();
                Optimizer adamW = Optimizer.adamW()
                        .optLearningRateTracker(Tracker.fixed(1e-3f))
                        .build();
                int n = train.size() / batch;
                long start = System.nanoTime();
                for (int s = 0; s < n; s++) {
                    int[] rows = new int[batch];
                    int[] labels = new int[batch];
                    for (int i = 0; i < batch; i++) {
                        rows[i] = s * batch + i;
                        labels[i] = train.labels()[rows[i]];
                    }
                    try (NDManager step = m.newSubManager()) {
                        NDArray x = preparer.prepare(step, train, rows);
                        try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                            NDArray logits = model.forward(x, true);
                            NDArray onehot = step.create(labels).oneHot(2);
                            NDArray loss = logits.logSoftmax(1)
                                    .mul(onehot)
                                    .sum(new int[] {1})
                                    .neg()
                                    .mean();
                            collector.backward(loss);
                        }
                        for (Map.Entry<String, Parameter> e : params.entrySet()) {
                            NDArray w = e.getValue().getArray();
                            // Each getGradient() is a new handle on the same gradient: close it after use.
                            try (NDArray g = w.getGradient()) {
                                adamW.update(e.getKey(), w, g);
                                g.muli(0);
                            }
                        }
                    }
                }
                return (System.nanoTime() - start) / 1e6 / n;
            }
        }
    }

    private record Timing(double stepMs, double faultsPerStep, long trainable, long total) {}

    private record Result(Bench bench, int steps, Timing trainer, double plainMs, double peakRssMb) {}

    /** Every tiny family x method of the plan, then the MS-CNN encoder. */
    private static List<Bench> benches(StudyPlan plan, int batch, int mscnnBatch) throws IOException {
        List<Bench> out = new java.util.ArrayList<>();
        for (FamilyPlan family : plan.families()) {
            if (family.base().isPretrained()) {
                continue;
            }
            Wav2Vec2Config config = ModelFactory.architecture(family.family(), family.base());
            InputPreparer preparer = new InputSpec(
                            RATE_HZ,
                            config.samplingRate(),
                            config.inChannels(),
                            config.inChannels() > 1 ? family.leadIndex() : 0,
                            SEGMENT)
                    .preparer();
            for (PeftMethod method : plan.methods()) {
                PeftSpec peft = plan.points(method).get(0).peft();
                out.add(new Bench(
                        family.family().key(),
                        method.key(),
                        m -> {
                            PeftClassifier model = ModelFactory.build(family.family(), family.base(), peft, m);
                            return new Built(model.trainable(), model.trainableParameters(), model.totalParameters());
                        },
                        preparer,
                        batch,
                        SEGMENT));
            }
        }
        MsCnnConfig mscnn = MsCnnConfig.compact(7);
        out.add(new Bench(
                "mscnn",
                "full",
                m -> {
                    MsCnn model = new MsCnn(mscnn);
                    model.materialize(m, DataType.FLOAT32, true);
                    return new Built(
                            TrainableModel.of(
                                    model,
                                    (x, training) -> model.forward(x, training).logits()),
                            model.countParameters(true),
                            model.countParameters(false));
                },
                InputPreparer.identity(),
                mscnnBatch,
                mscnn.inputLength()));
        return out;
    }

    private static void print(Result r, boolean json) throws IOException {
        Timing t = r.trainer();
        double ratio = t.stepMs() / r.plainMs();
        if (!json) {
            System.out.printf(
                    "%-9s %-9s %,10d %,10d %11.1f %11.1f %7.2f %13.0f %9.0f%n",
                    r.bench().model(),
                    r.bench().method(),
                    t.trainable(),
                    t.total(),
                    t.stepMs(),
                    r.plainMs(),
                    ratio,
                    t.faultsPerStep(),
                    r.peakRssMb());
            return;
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("model", r.bench().model());
        n.put("method", r.bench().method());
        n.put("trainable", t.trainable());
        n.put("total", t.total());
        n.put("batch", r.bench().batch());
        n.put("samples", r.bench().length());
        n.put("steps", r.steps());
        n.put("trainer_ms", round(t.stepMs()));
        n.put("plain_ms", round(r.plainMs()));
        n.put("ratio", Math.round(ratio * 1000) / 1000.0);
        n.put("minor_faults_per_step", round(t.faultsPerStep()));
        n.put("peak_rss_mb", round(r.peakRssMb()));
        System.out.println(JSON.writeValueAsString(n));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
