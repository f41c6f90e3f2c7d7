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

    @Test
    void theRecordedArchitectureKeepsItsExactTextSoRunIdsStayTheSame() {
        // Written by the hand-built writer this record replaced; a run's id hashes this text.
        assertEquals(
                "{\"model_type\":\"hubert\",\"in_channels\":1,\"conv_dim\":[32,32],\"conv_kernel\":[10,3],\"conv_stride\":[5,2],\"conv_bias\":false,\"feat_extract_norm\":\"group\",\"feat_extract_activation\":\"gelu\",\"feat_proj_layer_norm\":true,\"hidden_size\":32,\"num_hidden_layers\":2,\"num_attention_heads\":4,\"intermediate_size\":64,\"hidden_act\":\"gelu\",\"layer_norm_eps\":1.0E-5,\"num_conv_pos_embeddings\":16,\"num_conv_pos_embedding_groups\":4,\"do_stable_layer_norm\":false,\"masked_spec_embed\":true,\"use_weighted_layer_sum\":false,\"classifier_proj_size\":16,\"num_labels\":2,\"hidden_dropout\":0.1,\"activation_dropout\":0.0,\"attention_dropout\":0.1,\"feat_proj_dropout\":0.1,\"final_dropout\":0.0,\"layerdrop\":0.0,\"sampling_rate\":300}",
                ModelConfigJson.toJson(StudyFixtures.tiny(Family.HUBERT)).toString());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"families\": {\"hubert\": {\"tiny\": {}}}, \"methods\": [\"lora\"], \"extra\": 1 | unknown key \"extra\" (known: [families, methods, norm_modes, peft, search, trainer])",
                "\"families\": {\"bert\": {\"tiny\": {}}}, \"methods\": [\"lora\"] | key \"families.bert\": unknown model family 'bert'",
                "\"families\": {\"hubert\": {\"tiny\": {}, \"checkpoint\": \"/m\"}}, \"methods\": [\"lora\"] | key \"families.hubert\": must give exactly one of \"checkpoint\" (pretrained weights) and \"tiny\" (a random-init config)",
                "\"families\": {\"hubert\": {}}, \"methods\": [\"lora\"] | key \"families.hubert\": must give exactly one of \"checkpoint\"",
                "\"families\": {\"hubert\": {\"tiny\": {\"hidden_sise\": 8}}}, \"methods\": [\"lora\"] | unknown key \"families.hubert.tiny.hidden_sise\" (known: [activation_dropout, ",
                "\"families\": {\"hubert\": {\"tiny\": {\"hidden_size\": \"8\"}}}, \"methods\": [\"lora\"] | key \"families.hubert.tiny.hidden_size\": expected an integer, got \"8\"",
                "\"families\": {\"hubert\": {\"tiny\": {\"hidden_size\": 30}}}, \"methods\": [\"lora\"] | key \"families.hubert.tiny\": hidden_size 30 is not divisible by num_attention_heads 12",
                "\"families\": {\"ecgfm\": {\"tiny\": {}, \"lead\": \"V1\"}}, \"methods\": [\"lora\"] | key \"families.ecgfm.lead\": must be \"I\" or \"II\", got \"V1\"",
                "\"families\": {\"hubert\": {\"tiny\": {}}}, \"methods\": [\"prefix\"] | key \"methods[0]\": unknown PEFT method 'prefix' (known: [lora, houlsby, pfeiffer])",
                "\"families\": {\"hubert\": {\"tiny\": {}}}, \"methods\": [\"lora\"], \"norm_modes\": [\"minmax\"] | key \"norm_modes[0]\": must be one of [per-segment, global], got \"minmax\"",
                "\"families\": {\"hubert\": {\"tiny\": {}}}, \"methods\": [\"lora\"], \"peft\": {\"dropout\": 0.1} | unknown key \"peft.dropout\" (known: [adapter_activation, lora_dropout])",
                "\"families\": {\"hubert\": {\"tiny\": {}}}, \"methods\": [\"lora\"], \"peft\": {\"lora_dropout\": \"0.1\"} | key \"peft.lora_dropout\": expected a number, got \"0.1\"",
                "\"methods\": [\"lora\"] | missing key \"families\"",
                "\"families\": {}, \"methods\": [\"lora\"] | key \"families\": must list at least one entry",
                "\"families\": {\"hubert\": {\"checkpoint\": \" \"}}, \"methods\": [\"lora\"] | key \"families.hubert.checkpoint\": must be a path, got \" \"",
                "\"families\": {\"hubert\": {\"tiny\": {}}}, \"methods\": [\"lora\"], \"peft\": {\"lora_dropout\": 2} | key \"peft\": "
            })
    void badPlansNameTheFileAndTheKey(String body, String expected) throws IOException {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, "{" + body + ", " + TRAINER_AND_SEARCH + "}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudyPlan.read(file));
        assertTrue(e.getMessage().startsWith(file + ": " + expected), e.getMessage());
    }
}
