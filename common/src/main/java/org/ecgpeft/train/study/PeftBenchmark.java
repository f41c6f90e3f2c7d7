package org.ecgpeft.train.study;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;
import org.ecgpeft.train.AdamWOptions;
import org.ecgpeft.train.InputPreparer;
import org.ecgpeft.train.LrSchedule;
import org.ecgpeft.train.SegmentDataset;
import org.ecgpeft.train.Trainer;
import org.ecgpeft.train.TrainerConfig;

/**
 * Benchmark of the study's model x method grid (a command, not a test):
 * <ol>
 * <li>at the real base sizes (wav2vec2-base, HuBERT-base, ECG-FM), trainable and total parameters from
 * declared shapes (nothing allocated), LoRA r=16 / adapters with reduction factor 16;</li>
 * <li>at the tiny sizes of a plan file (default {@code conf/peft-study-local.json}) on this machine: the time
 * of one optimizer step in the project's {@link Trainer} and in a plain DJL loop (forward, backward, DJL's
 * AdamW) over the same batches, and the run's peak memory ({@link PeakMemory}).</li>
 * </ol>
 * Usage: {@code PeftBenchmark [plan.json] [batch] [steps] [repeats]} (defaults: the local plan, 16, 10, 3);
 * peak memory is the rise of the resident set above its size before the model was built.
 */
public final class PeftBenchmark {

    private static final double RATE_HZ = 300;
    private static final int SEGMENT = 600;

    private PeftBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path planFile = Path.of(args.length > 0 ? args[0] : "conf/peft-study-local.json");
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        if (!Files.isRegularFile(planFile)) {
            throw new IOException("no plan file " + planFile + " (run from the repository root or pass its path)");
        }
        printRealSizes();
        printTinyTimings(StudyPlan.read(planFile), batch, steps, repeats);
    }

    private static void printRealSizes() {
        System.out.println("Real base sizes (declared shapes; LoRA r=16 on q/k/v/out_proj, adapters reduction 16)");
        System.out.printf("%-9s %-9s %14s %14s %9s%n", "family", "peft", "trainable", "total", "share");
        for (Family family : Family.values()) {
            for (PeftMethod method : PeftMethod.values()) {
                ParameterBudget b = ParameterBudget.of(family, family.preset(), new PeftSpec(method, 16, 32, 0.05, 16, "relu"));
                System.out.printf("%-9s %-9s %,14d %,14d %8.3f%%%n", family.key(), method.key(), b.trainable(), b.total(),
                        100.0 * b.trainable() / b.total());
            }
        }
    }

    private static void printTinyTimings(StudyPlan plan, int batch, int steps, int repeats) throws IOException {
        SegmentDataset train = synthetic(batch * steps, 1);
        SegmentDataset val = synthetic(batch, 2);
        System.out.printf("%nTiny sizes on %s (%d cores): batch %d x %d samples at %.0f Hz, %d steps, best of %d%n",
                Engine.getInstance().defaultDevice(), Runtime.getRuntime().availableProcessors(), batch, SEGMENT, RATE_HZ,
                steps, repeats);
        System.out.printf("%-9s %-9s %10s %10s %13s %13s %9s %11s%n", "family", "peft", "trainable", "total",
                "trainer ms", "plain ms", "overhead", "peak MiB");
        for (FamilyPlan family : plan.families()) {
            if (family.base().isPretrained()) {
                continue;
            }
            Wav2Vec2Config config = ModelFactory.architecture(family.family(), family.base());
            InputPreparer preparer = new InputSpec(RATE_HZ, config.samplingRate(), config.inChannels(),
                    config.inChannels() > 1 ? family.leadIndex() : 0, SEGMENT).preparer();
            for (PeftMethod method : plan.methods()) {
                PeftSpec peft = plan.points(method).get(0).peft();
                TrainerConfig trainer = new TrainerConfig(1, batch, 1, 1e-3, AdamWOptions.withWeightDecay(0.01),
                        LrSchedule.Kind.CONSTANT, 0.0, 0.0, false, false, 0, 1, 1_000_000, batch);
                // Warm-up of both paths (JIT, allocator) before anything is timed.
                timeTrainer(family, peft, trainer, preparer, synthetic(batch * 2, 3), val);
                timePlain(family, peft, preparer, synthetic(batch * 2, 3), batch);
                // Interleaved repetitions, the fastest of each kept: robust to other load on the machine.
                Timing t = timeTrainer(family, peft, trainer, preparer, train, val);
                double plainMs = timePlain(family, peft, preparer, train, batch);
                for (int r = 1; r < repeats; r++) {
                    Timing again = timeTrainer(family, peft, trainer, preparer, train, val);
                    t = again.stepMs < t.stepMs ? new Timing(again.stepMs, t.peakBytes, t.trainable, t.total) : t;
                    plainMs = Math.min(plainMs, timePlain(family, peft, preparer, train, batch));
                }
                System.out.printf("%-9s %-9s %,10d %,10d %13.1f %13.1f %8.1f%% %11.0f%n", family.family().key(),
                        method.key(), t.trainable, t.total, t.stepMs, plainMs, 100 * (t.stepMs / plainMs - 1),
                        t.peakBytes / 1048576.0);
            }
        }
        System.out.println("trainer ms: Trainer.fit over one epoch (sampler, class weights, clipping off, AdamW,"
                + " LR schedule) plus one validation batch, per step; plain ms: forward + backward + DJL AdamW per step");
    }

    private record Timing(double stepMs, long peakBytes, long trainable, long total) {
    }

    private static Timing timeTrainer(FamilyPlan family, PeftSpec peft, TrainerConfig config, InputPreparer preparer,
                                      SegmentDataset train, SegmentDataset val) throws IOException {
        PeakMemory memory = PeakMemory.start(Device.cpu());
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(1);
            PeftClassifier model = ModelFactory.build(family.family(), family.base(), peft, m);
            long start = System.nanoTime();
            new Trainer(config, preparer).fit(model.trainable(), train, val);
            double ms = (System.nanoTime() - start) / 1e6 / Math.ceil((double) train.size() / config.batchSize());
            long peak = memory.peakBytes(PeakMemory.modelTensorBytes(model.totalParameters(), model.trainableParameters()));
            return new Timing(ms, peak, model.trainableParameters(), model.totalParameters());
        }
    }

    /** The same steps as a plain DJL loop: forward, cross-entropy, backward, DJL's AdamW update. */
    private static double timePlain(FamilyPlan family, PeftSpec peft, InputPreparer preparer, SegmentDataset train,
                                    int batch) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(1);
            PeftClassifier model = ModelFactory.build(family.family(), family.base(), peft, m);
            Map<String, Parameter> params = model.model().trainableParameters();
            Optimizer adamW = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
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
                        NDArray logits = model.model().classify(x, null, true).logits();
                        NDArray onehot = step.create(labels).oneHot(2);
                        NDArray loss = logits.logSoftmax(1).mul(onehot).sum(new int[] {1}).neg().mean();
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

    private static SegmentDataset synthetic(int n, long seed) {
        return SegmentDataset.synthetic(n, RATE_HZ, SEGMENT, seed);
    }
}
