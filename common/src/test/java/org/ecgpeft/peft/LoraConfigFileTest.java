package org.ecgpeft.peft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoraConfigFileTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Set<String> keys(Path file) throws Exception {
        Set<String> out = new TreeSet<>();
        JSON.readTree(file.toFile()).fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void readsTheFixtureConfigs() throws Exception {
        LoraConfig w2v = LoraConfigFile.read(FIXTURES.resolve("wav2vec2-tiny/peft_lora"));
        assertEquals(4, w2v.r());
        assertEquals(8.0, w2v.loraAlpha());
        assertEquals(Set.of("q_proj", "k_proj", "v_proj", "out_proj"), Set.copyOf(w2v.targetModules()));
        assertEquals(List.of("projector", "classifier"), w2v.modulesToSave());
        assertEquals("Wav2Vec2ForSequenceClassification", w2v.autoMapping().get("base_model_class"));
        LoraConfig qwen = LoraConfigFile.read(FIXTURES.resolve("qwen3-tiny/peft_lora/adapter_config.json"));
        assertEquals("CAUSAL_LM", qwen.taskType());
        assertEquals(7, qwen.targetModules().size());
        assertTrue(qwen.modulesToSave().isEmpty());
        assertNull(qwen.autoMapping());
    }

    @Test
    void unsupportedOptionsAreRejectedNamingTheKey(@TempDir Path dir) throws Exception {
        String text = Files.readString(FIXTURES.resolve("hubert-tiny/peft_lora/adapter_config.json"))
                .replace("\"use_dora\": false", "\"use_dora\": true");
        Files.writeString(dir.resolve("adapter_config.json"), text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoraConfigFile.read(dir));
        assertTrue(
                e.getMessage().contains("use_dora") && e.getMessage().contains("adapter_config.json"), e.getMessage());
    }

    @Test
    void fixtureAdapterLoadsIntoOurModelAndSavesBackWithTheSameNamesKeysAndValues(@TempDir Path out) throws Exception {
        Path fixture = FIXTURES.resolve("wav2vec2-tiny/peft_lora");
        try (NDManager m = NDManager.newBaseManager()) {
            TestNets.Classifier model = new TestNets.Classifier(32, 16, 2);
            model.materialize(m, DataType.FLOAT32, true);
            LoraConfig config = LoraAdapterFiles.load(fixture, model);
            LoraAdapterFiles.save(out, model, config);

            assertEquals(keys(fixture.resolve("adapter_config.json")), keys(out.resolve("adapter_config.json")));
            JsonNode a = JSON.readTree(fixture.resolve("adapter_config.json").toFile());
            JsonNode b = JSON.readTree(out.resolve("adapter_config.json").toFile());
            for (String key : List.of(
                    "peft_type",
                    "r",
                    "lora_alpha",
                    "lora_dropout",
                    "modules_to_save",
                    "auto_mapping",
                    "bias",
                    "use_rslora",
                    "task_type",
                    "fan_in_fan_out",
                    "use_dora",
                    "base_model_name_or_path")) {
                assertEquals(a.get(key), b.get(key), key);
            }
            assertEquals(
                    new TreeSet<>(List.of(JSON.treeToValue(a.get("target_modules"), String[].class))),
                    new TreeSet<>(List.of(JSON.treeToValue(b.get("target_modules"), String[].class))));
            assertEquals(config, LoraConfigFile.read(out));

            Map<String, NDArray> expected = TensorFiles.read(fixture.resolve("adapter_model.safetensors"), m);
            Map<String, NDArray> actual = TensorFiles.read(out.resolve("adapter_model.safetensors"), m);
            assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(actual.keySet()));
            for (String name : expected.keySet()) {
                assertArrayEquals(
                        expected.get(name).toFloatArray(), actual.get(name).toFloatArray(), 0f, name);
            }
        }
    }
}
