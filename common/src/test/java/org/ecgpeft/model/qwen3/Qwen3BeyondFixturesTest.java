package org.ecgpeft.model.qwen3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ecgpeft.model.nn.ModelChecks;
import org.ecgpeft.peft.Lora;
import org.ecgpeft.peft.LoraConfig;
import org.ecgpeft.peft.LoraLinear;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Qwen3 beyond the shared fixture: random head counts, GQA group sizes, head dims and widths, left padding, and
 * Qwen3-8B's real layer (4,096 wide, 32 query / 8 key-value heads, 12,288 MLP) at one layer with a small vocabulary:
 * finite and repeatable logits, with and without LoRA on the seven projections. Its ops are held to float64 loops by
 * the op-level tests (RMSNorm, RoPE, masked softmax, SiLU). The forward checks run under every ISA limit; the
 * LoRA gradient check of the real layer (finite, bit-identical on a second build) once.
 */
class Qwen3BeyondFixturesTest {

    private static final List<String> SEVEN =
            List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

    @Test
    @Tag("kernels")
    void randomisedConfigsGiveFiniteRepeatableLogitsWithAndWithoutLora() {
        Random r = new Random(61);
        for (int trial = 0; trial < 6; trial++) {
            int kvHeads = 1 + r.nextInt(3);
            int heads = kvHeads * (1 + r.nextInt(3));
            int headDim = 2 * (2 + r.nextInt(15));
            int hidden = 8 * (2 + r.nextInt(8));
            Qwen3Config config = new Qwen3Config(
                    hidden,
                    2 * hidden + 8 * r.nextInt(4),
                    1 + r.nextInt(2),
                    heads,
                    kvHeads,
                    headDim,
                    1e-6,
                    r.nextBoolean() ? 1e6 : 1e4,
                    512,
                    97 + r.nextInt(200),
                    r.nextBoolean(),
                    r.nextBoolean());
            check(config, 1 + r.nextInt(3), 1 + 2 * r.nextInt(6), trial);
        }
    }

    @Test
    @Tag("kernels")
    void qwen3EightBLayerAtOneLayerGivesFiniteRepeatableLogits() {
        check(eightBLayer(), 2, 7, 70);
    }

    @Test
    void qwen3EightBLayerLoraGradientsAreFiniteAndRepeatable() {
        Map<String, float[]> first = loraGradients(eightBLayer());
        Map<String, float[]> second = loraGradients(eightBLayer());
        // 7 projections x (A, B) on one layer, plus the loss.
        assertEquals(15, first.size());
        ModelChecks.assertFiniteAndRepeatable(first, second, "Qwen3-8B layer + LoRA");
    }

    /** Next-token cross-entropy of a LoRA'd model on random ids and its gradient for every LoRA factor. */
    private static Map<String, float[]> loraGradients(Qwen3Config config) {
        Engine.getInstance().setRandomSeed(71);
        try (NDManager m = NDManager.newBaseManager()) {
            Qwen3ForCausalLM lm = new Qwen3ForCausalLM(config);
            lm.materialize(m, DataType.FLOAT32, true);
            Map<String, LoraLinear> loras = Lora.apply(lm, LoraConfig.of(16, 32, 0, SEVEN, null));
            lm.materialize(m, DataType.FLOAT32, true);
            ModelChecks.randomizeLoraB(loras, m, 0.02f);
            Random r = new Random(72);
            long[] ids = new long[2 * 9];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = r.nextInt(config.vocabSize());
            }
            NDArray inputIds = m.create(ids, new Shape(2, 9));
            Map<String, float[]> out = new LinkedHashMap<>();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = lm.logits(inputIds, null, true).get(":, :-1");
                NDArray targets = inputIds.get(":, 1:");
                NDArray loss = Loss.softmaxCrossEntropyLoss()
                        .evaluate(new NDList(targets.reshape(-1)), new NDList(logits.reshape(-1, config.vocabSize())));
                gc.backward(loss);
                out.put("loss", new float[] {loss.getFloat()});
            }
            for (Map.Entry<String, Parameter> e : lm.trainableParameters().entrySet()) {
                out.put(e.getKey(), e.getValue().getArray().getGradient().toFloatArray());
            }
            return out;
        }
    }

    /** Qwen3-8B's real layer (width, heads, MLP) once, with a small vocabulary (151,936 would take 5 GB here). */
    private static Qwen3Config eightBLayer() {
        Qwen3Config real = Qwen3Config.qwen3_8B().withNumHiddenLayers(1);
        return new Qwen3Config(
                real.hiddenSize(),
                real.intermediateSize(),
                1,
                real.numAttentionHeads(),
                real.numKeyValueHeads(),
                real.headDim(),
                real.rmsNormEps(),
                real.ropeTheta(),
                real.maxPositionEmbeddings(),
                1024,
                real.tieWordEmbeddings(),
                real.attentionBias());
    }

    private static void check(Qwen3Config config, int batch, int tokens, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        try (NDManager m = NDManager.newBaseManager()) {
            Qwen3ForCausalLM lm = new Qwen3ForCausalLM(config);
            lm.materialize(m, DataType.FLOAT32, true);
            Random r = new Random(seed);
            long[] ids = new long[batch * tokens];
            long[] mask = new long[batch * tokens];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = r.nextInt(config.vocabSize());
                // Left padding on the last row: its first two positions are padding.
                mask[i] = i / tokens == batch - 1 && i % tokens < Math.min(2, tokens - 1) ? 0 : 1;
            }
            NDArray inputIds = m.create(ids, new Shape(batch, tokens));
            NDArray attention = m.create(mask, new Shape(batch, tokens));
            for (boolean lora : new boolean[] {false, true}) {
                if (lora) {
                    Map<String, LoraLinear> loras = Lora.apply(lm, LoraConfig.of(4, 8, 0.05, SEVEN, null));
                    lm.materialize(m, DataType.FLOAT32, true);
                    ModelChecks.randomizeLoraB(loras, m, 0.1f);
                }
                String where = "Qwen3 " + config + " batch " + batch + " tokens " + tokens + (lora ? " + LoRA" : "");
                float[] logits = lm.logits(inputIds, attention, false).toFloatArray();
                ModelChecks.assertFiniteAndRepeatable(
                        logits, lm.logits(inputIds, attention, false).toFloatArray(), where);
            }
        }
    }
}
