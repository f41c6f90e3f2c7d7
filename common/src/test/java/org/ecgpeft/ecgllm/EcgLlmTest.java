package org.ecgpeft.ecgllm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ecgpeft.config.Json;
import org.ecgpeft.model.qwen3.Qwen3Config;
import org.ecgpeft.model.qwen3.Qwen3ForCausalLM;
import org.ecgpeft.model.qwen3.Qwen3MemoryBudget;
import org.ecgpeft.peft.Lora;
import org.ecgpeft.peft.LoraLinear;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splice, loss, trainability and checkpoints on a tiny random Qwen3 with a 512-token vocabulary (no tokenizer). */
class EcgLlmTest {

    private static final Qwen3Config TINY = new Qwen3Config(64, 128, 2, 4, 2, 16, 1e-6, 1e6, 512, 512, false, false);
    private static final long FEATURE = 500;
    private static final EcgLlmConfig CONFIG =
            new EcgLlmConfig(32, 4, 8, 0.0, Qwen3MemoryBudget.PROJECTIONS, 0.0, "zh", 8);

    @TempDir
    Path tmp;

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed(3);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Qwen3ForCausalLM base() {
        Qwen3ForCausalLM lm = new Qwen3ForCausalLM(TINY);
        lm.setTrainable(false);
        lm.materialize(manager, DataType.FLOAT32, true);
        return lm;
    }

    /** A model whose LoRA B factors are non-zero, so the adapter changes the outputs. */
    private EcgLlm model(Qwen3ForCausalLM lm) {
        EcgLlm model = EcgLlm.create(lm, CONFIG, FEATURE, "tiny");
        for (LoraLinear lora : Lora.attached(lm).values()) {
            NDArray b = lora.loraB().weight().getArray();
            b.set(manager.randomNormal(0, 0.1f, b.getShape(), DataType.FLOAT32).toFloatArray());
        }
        return model;
    }

    /** Two rows, the second shorter and left-padded by 2, each with the placeholder once and two answer tokens. */
    private static EcgLlmBatch batch() {
        long pad = 0;
        long x = EcgLlmBatch.IGNORE;
        long[] ids = {7, 8, FEATURE, 9, 10, 11, 12, 2, pad, pad, 7, FEATURE, 9, 13, 14, 2};
        long[] mask = {1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1};
        long[] labels = {x, x, x, x, x, 11, 12, 2, x, x, x, x, x, 13, 14, 2};
        return new EcgLlmBatch(2, 8, ids, mask, labels);
    }

    @Test
    void placeholderEmbeddingIsReplacedByTheProjectedFeature() {
        EcgLlm model = model(base());
        EcgLlmBatch b = batch();
        NDArray ids = manager.create(b.ids(), new Shape(2, 8));
        NDArray features = manager.randomNormal(new Shape(2, 32));
        NDArray embeds = model.inputsEmbeds(ids, features, false);
        NDArray tokens = model.llm().embed(ids);
        NDArray projected = model.projector().forward(features, false);
        assertTrue(embeds.get("0, 2, :").allClose(projected.get("0, :"), 1e-6, 1e-6, false));
        assertTrue(embeds.get("1, 3, :").allClose(projected.get("1, :"), 1e-6, 1e-6, false));
        assertTrue(embeds.get("0, 3:, :").allClose(tokens.get("0, 3:, :"), 0, 0, false));
        assertTrue(embeds.get("1, :3, :").allClose(tokens.get("1, :3, :"), 0, 0, false));
    }

    @Test
    void lossIsHfShiftedCrossEntropyOverAnswerTokens() {
        EcgLlm model = model(base());
        EcgLlmBatch b = batch();
        NDArray features = manager.randomNormal(new Shape(2, 32));
        float loss = model.loss(b, features, false).getFloat();
        // Reference: full [B, T, V] logits, logits[:, :-1] against labels[:, 1:], mean over non-ignored labels.
        NDArray logits = model.logits(
                manager.create(b.ids(), new Shape(2, 8)),
                features,
                manager.create(b.attentionMask(), new Shape(2, 8)),
                false);
        float[] logp = logits.logSoftmax(-1).toFloatArray();
        double sum = 0;
        int n = 0;
        for (int r = 0; r < 2; r++) {
            for (int t = 0; t < 7; t++) {
                long label = b.labels()[r * 8 + t + 1];
                if (label != EcgLlmBatch.IGNORE) {
                    sum -= logp[(r * 8 + t) * 512 + (int) label];
                    n++;
                }
            }
        }
        assertEquals(6, n);
        assertEquals(sum / n, loss, 1e-4);
        assertArrayEquals(new long[] {4, 5, 6, 12, 13, 14}, b.lossPositions());
        assertArrayEquals(new long[] {11, 12, 2, 13, 14, 2}, b.targets());
    }

    @Test
    void leftPaddingLeavesARowsLogitsUnchanged() {
        EcgLlm model = model(base());
        EcgLlmBatch b = batch();
        NDArray features = manager.randomNormal(new Shape(2, 32));
        NDArray batched = model.logits(
                manager.create(b.ids(), new Shape(2, 8)),
                features,
                manager.create(b.attentionMask(), new Shape(2, 8)),
                false);
        long[] alone = {7, FEATURE, 9, 13, 14, 2};
        NDArray single = model.logits(manager.create(alone, new Shape(1, 6)), features.get("1:2, :"), null, false);
        assertTrue(batched.get("1, 2:, :").allClose(single.get("0, :, :"), 1e-4, 1e-4, false));
    }

    @Test
    void onlyLoraAndProjectorTrainAndBothReceiveGradients() {
        EcgLlm model = model(base());
        Map<String, Parameter> trainable = model.trainableParameters();
        assertEquals(2 * 7 * 2 + 6, trainable.size());
        for (String name : trainable.keySet()) {
            assertTrue(name.startsWith("projector.") || name.contains(".lora_A.") || name.contains(".lora_B."), name);
        }
        assertFalse(model.llm().model().embedTokens().weight().requiresGradient());
        try (NDManager step = manager.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray features = step.randomNormal(new Shape(2, 32));
            collector.backward(model.loss(batch(), features, true));
            for (String name : List.of(
                    "projector.0.weight",
                    "projector.4.weight",
                    "llm.model.layers.0.self_attn.v_proj.lora_A.weight",
                    "llm.model.layers.1.mlp.down_proj.lora_B.weight")) {
                float norm =
                        trainable.get(name).getArray().getGradient().abs().sum().getFloat();
                assertTrue(norm > 0, name + " got no gradient");
            }
        }
    }

    @Test
    void checkpointHoldsOnlyLoraAndProjectorAndReloadsTheSameModel() throws IOException {
        Qwen3ForCausalLM first = base();
        Qwen3ForCausalLM second = base();
        first.namedParameters()
                .forEach((name, p) -> second.namedParameters()
                        .get(name)
                        .getArray()
                        .set(p.getArray().toFloatArray()));
        EcgLlm model = model(first);
        EcgLlmCheckpoint.save(tmp, model, "tiny", Map.of());
        try (var files = Files.list(tmp)) {
            assertEquals(
                    List.of(
                            "adapter_config.json",
                            "adapter_model.safetensors",
                            "ecg_llm.json",
                            "projector.safetensors"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        EcgLlm reloaded = EcgLlmCheckpoint.load(tmp, second);
        assertEquals(CONFIG, reloaded.config());
        assertEquals(FEATURE, reloaded.featureId());
        assertEquals(
                model.trainableParameters().keySet(),
                reloaded.trainableParameters().keySet());
        EcgLlmBatch b = batch();
        NDArray features = manager.randomNormal(new Shape(2, 32));
        NDArray ids = manager.create(b.ids(), new Shape(2, 8));
        NDArray mask = manager.create(b.attentionMask(), new Shape(2, 8));
        assertTrue(model.logits(ids, features, mask, false)
                .allClose(reloaded.logits(ids, features, mask, false), 0, 0, false));
    }

    @Test
    void checkpointWithAnotherRankIsRejected() throws IOException {
        EcgLlm model = model(base());
        EcgLlmCheckpoint.save(tmp, model, "tiny", Map.of());
        String json = Files.readString(tmp.resolve(EcgLlmCheckpoint.CONFIG_FILE))
                .replace("\"lora_rank\" : 4", "\"lora_rank\" : 8");
        Files.writeString(tmp.resolve(EcgLlmCheckpoint.CONFIG_FILE), json);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> EcgLlmCheckpoint.load(tmp, base()));
        assertTrue(e.getMessage().contains("disagrees"), e.getMessage());
    }

    @Test
    void badCheckpointSettingsNameTheFileAndTheKey() throws IOException {
        EcgLlmCheckpoint.save(tmp, model(base()), "tiny", Map.of("training", Json.OWN.toTree(Map.of("epochs", 2))));
        assertEquals(CONFIG, EcgLlmCheckpoint.readConfig(tmp));
        assertEquals("tiny", EcgLlmCheckpoint.readBaseModel(tmp));
        Path file = tmp.resolve(EcgLlmCheckpoint.CONFIG_FILE);
        String json = Files.readString(file);
        for (String[] bad : new String[][] {
            {"\"lora_rank\" : 4", "\"lora_rank\" : \"4\"", "key \"ecg_llm.lora_rank\": expected an integer, got \"4\""},
            {"\"lora_rank\" : 4", "\"lora_rnk\" : 4", "unknown key \"ecg_llm.lora_rnk\" (known: ["},
            {"\"lora_rank\" : 4,", "", "missing key \"ecg_llm.lora_rank\""}
        }) {
            assertTrue(json.contains(bad[0]), bad[0]);
            Files.writeString(file, json.replace(bad[0], bad[1]));
            String message = assertThrows(IllegalArgumentException.class, () -> EcgLlmCheckpoint.readConfig(tmp))
                    .getMessage();
            assertTrue(message.startsWith(file + ": " + bad[2]), message);
        }
        Files.writeString(file, json.replace("\"feature_token_id\"", "\"feature_token\""));
        assertEquals(
                file + ": missing key \"feature_token_id\"",
                assertThrows(IllegalArgumentException.class, () -> EcgLlmCheckpoint.load(tmp, base()))
                        .getMessage());
    }

    @Test
    void featuresOfTheWrongWidthAreRejected() {
        EcgLlm model = model(base());
        NDArray ids = manager.create(batch().ids(), new Shape(2, 8));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> model.inputsEmbeds(ids, manager.zeros(new Shape(2, 31)), false));
        assertTrue(e.getMessage().contains("[2, 32]"), e.getMessage());
    }

    @Test
    void configValidationNamesTheKey() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new EcgLlmConfig(1024, 16, 32, 0.05, List.of("q_proj", "qkv"), 0.1, "zh", 64));
        assertTrue(e.getMessage().contains("lora_targets") && e.getMessage().contains("qkv"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> EcgLlmConfig.defaults().withLora(0, 32));
        assertThrows(
                IllegalArgumentException.class,
                () -> new EcgLlmConfig(1024, 16, 32, 0.05, Qwen3MemoryBudget.PROJECTIONS, 0.1, "fr", 64));
        assertEquals(
                List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"),
                EcgLlmConfig.defaults().loraConfig("Qwen/Qwen3-8B").targetModules());
    }
}
