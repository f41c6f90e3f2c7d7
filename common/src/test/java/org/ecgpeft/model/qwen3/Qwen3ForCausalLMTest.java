package org.ecgpeft.model.qwen3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Architecture checks with random weights; HF parity with real weights is in {@link Qwen3ParityTest}. */
class Qwen3ForCausalLMTest {

    /** The fixture model's shape: 2 layers, 4 query heads sharing 2 kv heads. */
    static final Qwen3Config TINY = new Qwen3Config(64, 128, 2, 4, 2, 16, 1e-6, 1e6, 512, 512, false, false);

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed(7);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Qwen3ForCausalLM randomModel(Qwen3Config config) {
        Qwen3ForCausalLM lm = new Qwen3ForCausalLM(config);
        lm.materialize(manager, DataType.FLOAT32, true);
        // Larger than the 0.02 default so logits are far from uniform and greedy choices are not near-ties.
        lm.model().embedTokens().weight().getArray().muli(50);
        return lm;
    }

    @Test
    void parameterNamesAreTheHfCheckpointNames() throws IOException {
        Path index = Path.of("src/test/resources/fixtures/qwen3-tiny/hf_bf16_sharded/model.safetensors.index.json");
        Set<String> hf = new TreeSet<>();
        new ObjectMapper()
                .readTree(index.toFile())
                .get("weight_map")
                .fieldNames()
                .forEachRemaining(hf::add);
        assertEquals(
                hf, new TreeSet<>(new Qwen3ForCausalLM(TINY).namedParameters().keySet()));
        Qwen3Config tied = new Qwen3Config(64, 128, 2, 4, 2, 16, 1e-6, 1e6, 512, 512, true, false);
        assertFalse(new Qwen3ForCausalLM(tied).namedParameters().containsKey("lm_head.weight"));
        assertTrue(new Qwen3ForCausalLM(tied)
                .model()
                .layers()
                .get(1)
                .adapterSites()
                .contains("feed_forward"));
    }

    @Test
    void tiedHeadProjectsOntoTheEmbeddingMatrix() {
        Qwen3Config tied = new Qwen3Config(64, 128, 2, 4, 2, 16, 1e-6, 1e6, 512, 512, true, false);
        Qwen3ForCausalLM lm = randomModel(tied);
        NDArray h = manager.randomNormal(new Shape(2, 3, 64));
        NDArray expected = h.matMul(lm.model().embedTokens().weight().getArray().transpose());
        assertTrue(lm.lmHead(h, false).allClose(expected, 1e-5, 1e-5, false));
    }

    @Test
    void leftPaddedBatchGivesTheSameLogitsAndTokensAsSingleRows() {
        Qwen3ForCausalLM lm = randomModel(TINY);
        long[] a = {5, 17, 300, 42, 8, 99, 250};
        long[] b = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
        NDArray alone = lm.logits(manager.create(a, new Shape(1, a.length)), null, false);
        long[] padded = new long[b.length];
        long[] mask = new long[b.length];
        for (int i = 0; i < a.length; i++) {
            padded[b.length - a.length + i] = a[i];
            mask[b.length - a.length + i] = 1;
        }
        NDArray ids = manager.create(concat(padded, b), new Shape(2, b.length));
        NDArray attention = manager.create(concat(mask, filled(b.length)), new Shape(2, b.length));
        NDArray batch = lm.logits(ids, attention, false);
        NDArray rowA = batch.get(new NDIndex("0:1, {}:, :", b.length - a.length));
        assertTrue(rowA.allClose(alone, 1e-5, 1e-5, false), "padded row differs from the single row");
        NDArray rowB = batch.get(new NDIndex("1:2"));
        assertTrue(rowB.allClose(lm.logits(manager.create(b, new Shape(1, b.length)), null, false), 1e-5, 1e-5, false));

        GreedyGenerator gen = new GreedyGenerator(lm);
        GenerationConfig cfg = GenerationConfig.greedy(6, Set.of(), 0);
        List<long[]> together = gen.generate(List.of(a, b), cfg);
        assertArrayEquals(gen.generate(List.of(a), cfg).get(0), together.get(0));
        assertArrayEquals(gen.generate(List.of(b), cfg).get(0), together.get(1));
    }

    @Test
    void cachedAndUncachedGenerationAgreeAndEosStopsOnlyItsRow() {
        Qwen3ForCausalLM lm = randomModel(TINY);
        GreedyGenerator gen = new GreedyGenerator(lm);
        List<long[]> prompts = List.of(new long[] {3, 1, 4, 1, 5}, new long[] {9, 2, 6, 5, 3, 5, 8, 9});
        GenerationConfig cfg = GenerationConfig.greedy(7, Set.of(), 0);
        List<long[]> cached = gen.generate(prompts, cfg);
        List<long[]> uncached = gen.generate(prompts, cfg.withCache(false));
        assertEquals(7, cached.get(0).length);
        for (int r = 0; r < 2; r++) {
            assertArrayEquals(cached.get(r), uncached.get(r));
        }
        // Make row 0's third token an EOS: row 0 stops there (EOS kept), row 1 is unaffected.
        long eos = cached.get(0)[2];
        List<Long> row1 = new ArrayList<>();
        for (long t : cached.get(1)) {
            if (t == eos) {
                break;
            }
            row1.add(t);
        }
        List<long[]> stopped = gen.generate(prompts, GenerationConfig.greedy(7, Set.of(eos), 0));
        assertArrayEquals(Arrays.copyOf(cached.get(0), 3), stopped.get(0));
        assertArrayEquals(
                row1.stream().mapToLong(Long::longValue).toArray(), Arrays.copyOf(stopped.get(1), row1.size()));
    }

    @Test
    void generationFromInputsEmbedsEqualsGenerationFromIds() {
        Qwen3ForCausalLM lm = randomModel(TINY);
        GreedyGenerator gen = new GreedyGenerator(lm);
        long[] prompt = {7, 70, 170, 270, 370};
        GenerationConfig cfg = GenerationConfig.greedy(5, Set.of(), 0);
        NDArray embeds = lm.embed(manager.create(prompt, new Shape(1, prompt.length)));
        assertArrayEquals(
                gen.generate(List.of(prompt), cfg).get(0),
                gen.generate(embeds, null, cfg).get(0));
    }

    @Test
    void fp16BaseWeightsTrackFp32() {
        Qwen3ForCausalLM fp32 = randomModel(TINY);
        Qwen3ForCausalLM fp16 = new Qwen3ForCausalLM(TINY);
        fp16.materialize(manager, DataType.FLOAT16, false);
        fp32.namedParameters()
                .forEach(
                        (name, p) -> fp16.namedParameters().get(name).getArray().set(new NDIndex("..."), p.getArray()));
        NDArray ids = manager.create(new long[] {1, 2, 3, 4, 5, 6}, new Shape(1, 6));
        NDArray ref = fp32.logits(ids, null, false);
        NDArray half = fp16.logits(ids, null, false);
        assertEquals(DataType.FLOAT32, half.getDataType());
        float scale = ref.abs().max().getFloat();
        float err = half.sub(ref).abs().max().getFloat();
        assertTrue(err < 1e-2f * scale, "fp16 error " + err + " vs logit scale " + scale);
    }

    @Test
    void gradientsReachTheProjectionsThroughAttentionAndTheBlockApiMatches() {
        Qwen3ForCausalLM lm = randomModel(TINY);
        NDArray ids = manager.create(new long[] {4, 8, 15, 16, 23, 42}, new Shape(2, 3));
        NDArray viaBlock = lm.forward(new ParameterStore(manager, false), new NDList(ids), false)
                .singletonOrThrow();
        assertTrue(viaBlock.allClose(lm.logits(ids, null, false), 1e-6, 1e-6, false));
        NDArray q = lm.namedParameters()
                .get("model.layers.0.self_attn.q_proj.weight")
                .getArray();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = lm.logits(ids, null, true);
            gc.backward(logits.get(new NDIndex(":, -1, 0")).sum());
        }
        assertTrue(q.getGradient().abs().sum().getFloat() > 0, "no gradient reached q_proj");
    }

    private static long[] concat(long[] x, long[] y) {
        long[] out = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }

    private static long[] filled(int n) {
        long[] out = new long[n];
        Arrays.fill(out, 1L);
        return out;
    }
}
