package org.ecgpeft.train.study;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.ecgpeft.model.qwen3.Qwen3Checkpoint;
import org.ecgpeft.model.qwen3.Qwen3Config;
import org.ecgpeft.model.qwen3.Qwen3ForCausalLM;
import org.ecgpeft.model.qwen3.Qwen3MemoryBudget;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;
import org.ecgpeft.peft.Lora;
import org.ecgpeft.peft.LoraConfig;

/**
 * How far an FP16 frozen base is from the FP32 one: the same model (same seed, or the same checkpoint) built twice,
 * with FP32 PEFT weights and head, run forward and backward on the same batch; the logits and the gradients of every
 * trainable parameter are compared. FP16 overflow shows as {@code finite == false} rather than as a small number.
 */
public final class Fp16Comparison {

    /** A small LoRA rank keeps the comparison cheap; dropout is off in both runs, so they see the same network. */
    private static final int LORA_R = 8;

    /**
     * The differences of one model.
     *
     * @param logitsMaxAbs max |fp16 - fp32| over the logits
     * @param logitsMaxRel that over max |fp32 logit|
     * @param gradsMaxAbs  max |fp16 - fp32| over every trainable parameter's gradient
     * @param gradsMaxRel  the worst, over the parameters with a non-zero FP32 gradient, of max |fp16 - fp32| / max |fp32|
     * @param finite       whether every FP16 logit, loss and gradient is finite (false: FP16 overflowed)
     */
    public record Difference(
            double logitsMaxAbs, double logitsMaxRel, double gradsMaxAbs, double gradsMaxRel, boolean finite) {}

    private Fp16Comparison() {}

    /** A wav2vec2-family classifier (preset or checkpoint) with {@code method}, on {@code batch} x {@code samples}. */
    public static Difference encoder(
            Family family, BaseSpec base, PeftMethod method, int batch, int samples, NDManager manager)
            throws IOException {
        return compare(
                encoderRun(family, base, method, DataType.FLOAT32, batch, samples, manager),
                encoderRun(family, base, method, DataType.FLOAT16, batch, samples, manager));
    }

    /** Qwen3 (a random-init config, or a checkpoint folder when {@code folder} is not null) with LoRA, on {@code batch} x {@code seq}. */
    public static Difference qwen3(Qwen3Config config, Path folder, int batch, int seq, NDManager manager)
            throws IOException {
        return compare(
                qwen3Run(config, folder, DataType.FLOAT32, batch, seq, manager),
                qwen3Run(config, folder, DataType.FLOAT16, batch, seq, manager));
    }

    private static Map<String, float[]> encoderRun(
            Family family, BaseSpec base, PeftMethod method, DataType dtype, int batch, int samples, NDManager parent)
            throws IOException {
        Engine.getInstance().setRandomSeed(7);
        try (NDManager m = parent.newSubManager()) {
            PeftClassifier built =
                    ModelFactory.build(family, base, new PeftSpec(method, LORA_R, 2 * LORA_R, 0, 16, "relu"), m, dtype);
            Wav2Vec2Config config = built.model().base().config();
            Shape shape = config.inChannels() == 1
                    ? new Shape(batch, samples)
                    : new Shape(batch, config.inChannels(), samples);
            NDArray x = m.create(gaussian(new Random(3), (int) shape.size()), shape);
            NDArray labels = m.create(alternating(batch));
            return lossAndGradients(
                    built.model().trainableParameters(),
                    () -> new NDList(labels),
                    () -> built.model().classify(x, null, false).logits());
        }
    }

    private static Map<String, float[]> qwen3Run(
            Qwen3Config config, Path folder, DataType dtype, int batch, int seq, NDManager parent) throws IOException {
        Engine.getInstance().setRandomSeed(7);
        try (NDManager m = parent.newSubManager()) {
            Qwen3ForCausalLM lm;
            if (folder != null) {
                lm = Qwen3Checkpoint.load(folder, m, dtype);
            } else {
                lm = new Qwen3ForCausalLM(config);
                lm.setTrainable(false);
                lm.materialize(m, DataType.FLOAT32, dtype, true);
            }
            Lora.apply(lm, LoraConfig.of(LORA_R, 2 * LORA_R, 0.0, Qwen3MemoryBudget.PROJECTIONS, null));
            lm.materialize(m, DataType.FLOAT32, true);
            int vocab = lm.config().vocabSize();
            Random random = new Random(2);
            long[] ids = new long[batch * (seq + 1)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = random.nextInt(vocab);
            }
            NDArray tokens = m.create(ids, new Shape(batch, seq + 1));
            NDArray inputs = tokens.get(":, :-1");
            NDArray targets = tokens.get(":, 1:").reshape(-1);
            return lossAndGradients(
                    lm.trainableParameters(),
                    () -> new NDList(targets),
                    () -> lm.logits(inputs, null, false).reshape(-1, vocab));
        }
    }

    /** Logits (under "logits"), the loss ("loss") and every trainable parameter's gradient, by name. */
    private static Map<String, float[]> lossAndGradients(
            Map<String, Parameter> trainable, Supplier<NDList> labels, Supplier<NDArray> logitsOf) {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = logitsOf.get();
            NDArray loss = Loss.softmaxCrossEntropyLoss().evaluate(labels.get(), new NDList(logits));
            gc.backward(loss);
            out.put("logits", logits.toType(DataType.FLOAT32, false).toFloatArray());
            out.put("loss", new float[] {loss.getFloat()});
        }
        for (Map.Entry<String, Parameter> e : trainable.entrySet()) {
            out.put(e.getKey(), e.getValue().getArray().getGradient().toFloatArray());
        }
        return out;
    }

    static Difference compare(Map<String, float[]> fp32, Map<String, float[]> fp16) {
        if (!fp32.keySet().equals(fp16.keySet())) {
            throw new IllegalStateException("the FP16 and FP32 models differ in their trainable parameters: "
                    + fp32.keySet() + " vs " + fp16.keySet());
        }
        boolean finite = true;
        double gradsAbs = 0;
        double gradsRel = 0;
        for (Map.Entry<String, float[]> e : fp16.entrySet()) {
            for (float v : e.getValue()) {
                finite &= Float.isFinite(v);
            }
            if (e.getKey().equals("logits") || e.getKey().equals("loss")) {
                continue;
            }
            double[] d = maxAbsAndScale(e.getValue(), fp32.get(e.getKey()));
            gradsAbs = Math.max(gradsAbs, d[0]);
            if (d[1] > 0) {
                gradsRel = Math.max(gradsRel, d[0] / d[1]);
            }
        }
        double[] logits = maxAbsAndScale(fp16.get("logits"), fp32.get("logits"));
        return new Difference(logits[0], logits[1] > 0 ? logits[0] / logits[1] : 0, gradsAbs, gradsRel, finite);
    }

    /** {max |a - b|, max |b|}; a non-finite {@code a} gives an infinite difference. */
    private static double[] maxAbsAndScale(float[] a, float[] b) {
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(worst, d);
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return new double[] {worst, scale};
    }

    private static float[] gaussian(Random random, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }

    private static float[] alternating(int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = i % 2;
        }
        return out;
    }
}
