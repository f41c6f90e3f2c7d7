package org.ecgpeft.model.qwen3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class Qwen3ConfigTest {

    private static final Path TINY = Path.of("src/test/resources/fixtures/qwen3-tiny/hf_safetensors");

    @Test
    void readsTheTinyFixtureWithRopeThetaUnderRopeParameters() throws IOException {
        Qwen3Config c = Qwen3Config.load(TINY);
        assertEquals(new Qwen3Config(64, 128, 2, 4, 2, 16, 1e-6, 1e6, 512, 512, false, false), c);
        assertEquals(2, c.groupSize());
    }

    @Test
    void readsTopLevelRopeThetaOfOlderConfigsAndDefaultsHeadDim() throws IOException {
        ObjectNode json = (ObjectNode)
                new ObjectMapper().readTree(TINY.resolve("config.json").toFile());
        json.remove("rope_parameters");
        json.remove("head_dim");
        json.put("rope_theta", 10000.0);
        json.put("tie_word_embeddings", true);
        Qwen3Config c = Qwen3Config.fromJson(json);
        assertEquals(10000.0, c.ropeTheta());
        assertEquals(16, c.headDim());
        assertTrue(c.tieWordEmbeddings());
    }

    @Test
    void errorsNameTheOffendingKey() throws IOException {
        ObjectNode json = (ObjectNode)
                new ObjectMapper().readTree(TINY.resolve("config.json").toFile());
        ObjectNode missing = json.deepCopy();
        missing.remove("intermediate_size");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Qwen3Config.fromJson(missing))
                .getMessage()
                .contains("intermediate_size"));
        ObjectNode badGroups = json.deepCopy();
        badGroups.put("num_key_value_heads", 3);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Qwen3Config.fromJson(badGroups))
                .getMessage()
                .contains("num_key_value_heads"));
        ObjectNode scaled = json.deepCopy();
        ((ObjectNode) scaled.get("rope_parameters")).put("rope_type", "yarn");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Qwen3Config.fromJson(scaled))
                .getMessage()
                .contains("rope_type"));
        assertEquals(
                "missing key \"intermediate_size\"",
                assertThrows(IllegalArgumentException.class, () -> Qwen3Config.fromJson(missing))
                        .getMessage());
        assertEquals(
                "key \"rope_parameters.rope_type\": \"yarn\" is not supported (only \"default\")",
                assertThrows(IllegalArgumentException.class, () -> Qwen3Config.fromJson(scaled))
                        .getMessage());
        ObjectNode typed = json.deepCopy();
        typed.put("vocab_size", "512");
        assertEquals(
                "key \"vocab_size\": expected an integer, got \"512\"",
                assertThrows(IllegalArgumentException.class, () -> Qwen3Config.fromJson(typed))
                        .getMessage());
        ObjectNode noTheta = json.deepCopy();
        noTheta.remove("rope_parameters");
        noTheta.put("rope_scaling", "linear");
        assertEquals(
                "key \"rope_scaling\": must be null (rope scaling is not supported)",
                assertThrows(IllegalArgumentException.class, () -> Qwen3Config.fromJson(noTheta))
                        .getMessage());
        ObjectNode unknown = json.deepCopy();
        unknown.put("some_new_hf_key", 3);
        assertEquals(Qwen3Config.fromJson(json), Qwen3Config.fromJson(unknown));
        ObjectNode negative = json.deepCopy();
        negative.put("hidden_size", -4);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Qwen3Config.fromJson(negative))
                .getMessage()
                .contains("hidden_size"));
    }

    @Test
    void presetsMatchThePublishedModels() {
        Qwen3Config b8 = Qwen3Config.qwen3_8B();
        assertEquals(4096, b8.hiddenSize());
        assertEquals(12288, b8.intermediateSize());
        assertEquals(36, b8.numHiddenLayers());
        assertEquals(4, b8.groupSize());
        assertEquals(128, b8.headDim());
        assertEquals(151936, b8.vocabSize());
        assertEquals(1e6, b8.ropeTheta());
        assertEquals(false, b8.tieWordEmbeddings());
        assertEquals(true, Qwen3Config.qwen3_0_6B().tieWordEmbeddings());
    }
}
