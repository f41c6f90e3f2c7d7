package org.ecgpeft.train.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.util.Map;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelFactoryTest {

    private static PeftSpec spec(PeftMethod method) {
        return new PeftSpec(method, 4, 8, 0.0, 8, "relu");
    }

    /** Head parameters by hand: HF head projector + classifier, or ECG-FM's single classifier. */
    private static long headParams(Family family, Wav2Vec2Config c) {
        return family == Family.ECGFM
                ? c.hiddenSize() * 2L + 2
                : (long) c.hiddenSize() * c.classifierProjSize()
                        + c.classifierProjSize()
                        + c.classifierProjSize() * 2L
                        + 2;
    }

    /** PEFT parameters by hand: r x (in + out) per attention projection, or down + up (+ biases) per adapter. */
    private static long peftParams(PeftMethod method, Wav2Vec2Config c) {
        long h = c.hiddenSize();
        if (method.isLora()) {
            return c.numHiddenLayers() * 4L * 4 * (h + h);
        }
        long b = h / 8;
        long perAdapter = h * b + b + b * h + h;
        return c.numHiddenLayers() * (method == PeftMethod.HOULSBY ? 2L : 1L) * perAdapter;
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void everyMethodTrainsExactlyPeftAndHeadWithTheBaseFrozen(Family family) throws IOException {
        Wav2Vec2Config config = StudyFixtures.tiny(family).withNumLabels(2);
        for (PeftMethod method : PeftMethod.values()) {
            try (NDManager m = NDManager.newBaseManager()) {
                long baseAndHead = family.newClassifier(config).countParameters(false);
                PeftClassifier model = ModelFactory.build(family, BaseSpec.randomInit(config), spec(method), m);
                long expectedTrainable = peftParams(method, config) + headParams(family, config);
                assertEquals(expectedTrainable, model.trainableParameters(), family + " x " + method);
                assertEquals(
                        baseAndHead + peftParams(method, config), model.totalParameters(), family + " x " + method);
                Map<String, Parameter> trainable = model.model().trainableParameters();
                for (String name : trainable.keySet()) {
                    boolean head = family.headModules().stream().anyMatch(h -> name.startsWith(h + "."));
                    boolean peft = method.isLora() ? name.contains(".lora_") : name.contains(".adapter_");
                    assertTrue(head || peft, name + " should be frozen");
                }
                model.model().base().namedParameters().forEach((name, p) -> {
                    boolean peft = name.contains(".lora_") || name.contains(".adapter_");
                    assertEquals(peft, p.requiresGradient(), name);
                });
                assertTrue(trainable.keySet().stream().anyMatch(n -> n.startsWith("classifier.")));
                ParameterBudget budget = ParameterBudget.of(family, config, spec(method));
                assertEquals(model.trainableParameters(), budget.trainable(), "budget " + family + " x " + method);
                assertEquals(model.totalParameters(), budget.total(), "budget " + family + " x " + method);
            }
        }
    }

    @Test
    void loraGoesOnTheFourAttentionProjectionsOfEveryLayer() throws IOException {
        Wav2Vec2Config config = StudyFixtures.tiny(Family.HUBERT);
        try (NDManager m = NDManager.newBaseManager()) {
            PeftClassifier model =
                    ModelFactory.build(Family.HUBERT, BaseSpec.randomInit(config), spec(PeftMethod.LORA), m);
            long loraA = model.model().trainableParameters().keySet().stream()
                    .filter(n -> n.endsWith("lora_A.weight"))
                    .peek(n -> assertTrue(
                            n.matches(
                                    "hubert\\.encoder\\.layers\\.\\d\\.attention\\.(q|k|v|out)_proj\\.lora_A\\.weight"),
                            n))
                    .count();
            assertEquals(4L * config.numHiddenLayers(), loraA);
        }
    }

    @Test
    void aBaseOfAnotherFamilyIsRejected() {
        BaseSpec hubert = BaseSpec.randomInit(StudyFixtures.tiny(Family.HUBERT));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ModelFactory.architecture(Family.WAV2VEC2, hubert));
        assertTrue(e.getMessage().contains("model_type"), e.getMessage());
        assertFalse(ModelFactory.layerPattern(Family.ECGFM.newClassifier(StudyFixtures.tiny(Family.ECGFM)))
                .isEmpty());
    }

    @Test
    void realWav2vec2BaseWithLoraR16MatchesHfPeftsCount() {
        // DESIGN.md anchor (HF peft, wav2vec2-base, r=16 on q/k/v/out_proj + head): 1.38M trainable.
        ParameterBudget budget = ParameterBudget.of(
                Family.WAV2VEC2, Wav2Vec2Config.wav2vec2Base(), new PeftSpec(PeftMethod.LORA, 16, 32, 0.0, 16, "relu"));
        assertEquals(12L * 4 * 16 * (768 + 768), budget.peft());
        assertEquals(1_377_026L, budget.trainable());
    }
}
