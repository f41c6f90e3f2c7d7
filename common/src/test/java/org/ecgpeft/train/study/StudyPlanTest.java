package org.ecgpeft.train.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StudyPlanTest {

    private static final Path CONF = Path.of("..", "conf");
    private static final String TRAINER_AND_SEARCH = "\"trainer\": {\"epochs\": 1}, \"search\": {\"lora_r\": [4]}";

    @TempDir
    Path dir;

    @Test
    void theFullStudyPlanListsEveryFamilyMethodAndNormMode() throws IOException {
        StudyPlan plan = StudyPlan.read(CONF.resolve("peft-study.json"));
        assertEquals(
                List.of(Family.WAV2VEC2, Family.HUBERT, Family.ECGFM),
                plan.families().stream().map(FamilyPlan::family).toList());
        assertTrue(plan.families().stream().allMatch(f -> f.base().isPretrained()));
        assertEquals(List.of(PeftMethod.LORA, PeftMethod.HOULSBY, PeftMethod.PFEIFFER), plan.methods());
        assertEquals(List.of("per-segment", "global"), plan.normModes());
        // 2 learning rates x 2 ranks x 2 alphas for LoRA; 2 learning rates x 2 reduction factors for adapters.
        assertEquals(8, plan.points(PeftMethod.LORA).size());
        assertEquals(4, plan.points(PeftMethod.HOULSBY).size());
        assertEquals(
                Path.of("/models/facebook/wav2vec2-base"),
                plan.families().get(0).base().checkpoint());
    }

    @Test
    void theLocalPlanHasTinyRandomInitModelsOfEveryFamily() throws IOException {
        StudyPlan plan = StudyPlan.read(CONF.resolve("peft-study-local.json"));
        assertEquals(3, plan.families().size());
        for (FamilyPlan f : plan.families()) {
            Wav2Vec2Config tiny = f.base().tiny();
            assertEquals(32, tiny.hiddenSize(), f.family().key());
            assertEquals(f.family().preset().inChannels(), tiny.inChannels());
            assertEquals(f.family().modelType(), tiny.modelType());
        }
        assertEquals(3, plan.methods().size());
        assertEquals(1, plan.points(PeftMethod.PFEIFFER).size());
    }

    @Test
    void tinyConfigsRoundTripThroughJson() {
        for (Family f : Family.values()) {
            Wav2Vec2Config c = StudyFixtures.tiny(f);
            assertEquals(c, ModelConfigJson.fromJson(ModelConfigJson.toJson(c), Wav2Vec2Config.wav2vec2Base(), "x"));
            assertEquals(
                    f.preset(),
                    ModelConfigJson.fromJson(ModelConfigJson.toJson(f.preset()), Wav2Vec2Config.ecgFm(), "x"));
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"families\": {\"hubert\": {\"tiny\": {}}}, \"methods\": [\"lora\"], \"extra\": 1 | unknown key 'extra'",
                "\"families\": {\"bert\": {\"tiny\": {}}}, \"methods\": [\"lora\"] | families.bert",
                "\"families\": {\"hubert\": {\"tiny\": {}, \"checkpoint\": \"/m\"}}, \"methods\": [\"lora\"] | families.hubert",
                "\"families\": {\"hubert\": {}}, \"methods\": [\"lora\"] | exactly one of 'checkpoint'",
                "\"families\": {\"hubert\": {\"tiny\": {\"hidden_sise\": 8}}}, \"methods\": [\"lora\"] | families.hubert.tiny.hidden_sise",
                "\"families\": {\"hubert\": {\"tiny\": {\"hidden_size\": \"8\"}}}, \"methods\": [\"lora\"] | families.hubert.tiny.hidden_size",
                "\"families\": {\"hubert\": {\"tiny\": {\"hidden_size\": 30}}}, \"methods\": [\"lora\"] | num_attention_heads",
                "\"families\": {\"ecgfm\": {\"tiny\": {}, \"lead\": \"V1\"}}, \"methods\": [\"lora\"] | families.ecgfm.lead",
                "\"families\": {\"hubert\": {\"tiny\": {}}}, \"methods\": [\"prefix\"] | methods",
                "\"families\": {\"hubert\": {\"tiny\": {}}}, \"methods\": [\"lora\"], \"norm_modes\": [\"minmax\"] | norm_modes",
                "\"families\": {\"hubert\": {\"tiny\": {}}}, \"methods\": [\"lora\"], \"peft\": {\"dropout\": 0.1} | peft.dropout",
                "\"families\": {\"hubert\": {\"tiny\": {}}}, \"methods\": [\"lora\"], \"peft\": {\"lora_dropout\": \"0.1\"} | peft.lora_dropout",
                "\"methods\": [\"lora\"] | missing key 'families'"
            })
    void badPlansNameTheFileAndTheKey(String body, String expected) throws IOException {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, "{" + body + ", " + TRAINER_AND_SEARCH + "}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudyPlan.read(file));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().startsWith(file.toString()), e.getMessage());
    }
}
