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
        Path file = dir.resolve("adapter_config.json");
        assertEquals(file + ": key \"use_dora\": must be false (not supported otherwise), got true", e.getMessage());
        String fixture = Files.readString(FIXTURES.resolve("hubert-tiny/peft_lora/adapter_config.json"));
        for (String[] bad : new String[][] {
            {"\"r\": 4", "\"r\": \"4\"", "key \"r\": expected an integer, got \"4\""},
            {"\"r\": 4,", "", "missing key \"r\""},
            {"\"r\": 4", "\"r\": 0", "r must be positive, got 0"},
            {"\"peft_type\": \"LORA\"", "\"peft_type\": \"IA3\"", "key \"peft_type\": must be LORA, got \"IA3\""},
            {"\"rank_pattern\": {}", "\"rank_pattern\": {\"q\": 2}", "key \"rank_pattern\": must be empty"},
            {
                "\"layers_to_transform\": null",
                "\"layers_to_transform\": [0, 1]",
                "key \"layers_to_transform\": is not supported, got [0,1]"
            },
            {"\"task_type\": null", "\"task_type\": 3", "key \"task_type\": expected a string, got 3"}
        }) {
            assertTrue(fixture.contains(bad[0]), bad[0]);
            Files.writeString(file, fixture.replace(bad[0], bad[1]));
            String message = assertThrows(IllegalArgumentException.class, () -> LoraConfigFile.read(dir))
                    .getMessage();
            assertTrue(message.startsWith(file + ": " + bad[2]), message);
        }
        // Keys of a newer peft are not ours to judge: they are ignored.
        Files.writeString(file, fixture.replace("\"r\": 4", "\"r\": 4, \"some_future_option\": {\"a\": 1}"));
        assertEquals(LoraConfigFile.read(FIXTURES.resolve("hubert-tiny/peft_lora")), LoraConfigFile.read(dir));
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
