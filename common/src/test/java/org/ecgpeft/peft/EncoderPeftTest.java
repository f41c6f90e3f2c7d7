package org.ecgpeft.peft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;
import org.ecgpeft.model.wav2vec2.Wav2Vec2ForSequenceClassification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bottleneck adapters and LoRA on the real wav2vec2 classifier (random weights, tiny config). */
class EncoderPeftTest {

    private static final String LAYERS = "wav2vec2\\.encoder\\.layers\\.\\d+";

    private static Wav2Vec2ForSequenceClassification model(NDManager m) throws Exception {
        Engine.getInstance().setRandomSeed(21);
        Wav2Vec2ForSequenceClassification model = new Wav2Vec2ForSequenceClassification(Wav2Vec2Config.fromHfConfig(
                LoraConfigFileTest.FIXTURES.resolve("wav2vec2-tiny/hf_safetensors/config.json")));
        model.materialize(m, DataType.FLOAT32, true);
        return model;
    }

    @Test
    void houlsbyAdaptersSitInEveryEncoderLayerStartAsIdentityAndRoundTrip(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Wav2Vec2ForSequenceClassification model = model(m);
            NDArray x = m.randomNormal(new Shape(2, 800));
            float[] base = model.classify(x, null, false).logits().toFloatArray();
            AdapterConfig cfg = new AdapterConfig(
                    AdapterConfig.Style.HOULSBY,
                    4,
                    "gelu",
                    false,
                    AdapterConfig.UpInit.ZERO,
                    List.of("projector", "classifier"));
            assertEquals(4, Adapters.apply(model, cfg, LAYERS, 32).size());
            assertArrayEquals(base, model.classify(x, null, false).logits().toFloatArray(), 1e-6f);
            model.trainableParameters()
                    .keySet()
                    .forEach(n -> assertTrue(
                            n.contains(".adapter_") || n.startsWith("projector.") || n.startsWith("classifier."), n));
            Adapters.attached(model)
                    .values()
                    .forEach(a -> StateCopy.copy(
                            "up",
                            m.randomNormal(0, 0.1f, a.up().weight().getArray().getShape(), DataType.FLOAT32),
                            a.up().weight().getArray()));
            float[] adapted = model.classify(x, null, false).logits().toFloatArray();
            AdapterFiles.save(dir, model, cfg, LAYERS, 32);
            Wav2Vec2ForSequenceClassification fresh = model(m);
            AdapterFiles.load(dir, fresh);
            assertArrayEquals(adapted, fresh.classify(x, null, false).logits().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void loraMergedIntoTheEncoderGivesTheSameLogits() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Wav2Vec2ForSequenceClassification model = model(m);
            LoraAdapterFiles.load(LoraConfigFileTest.FIXTURES.resolve("wav2vec2-tiny/peft_lora"), model);
            NDArray x = m.randomNormal(new Shape(2, 800));
            float[] unmerged = model.classify(x, null, false).logits().toFloatArray();
            Lora.merge(model);
            assertArrayEquals(unmerged, model.classify(x, null, false).logits().toFloatArray(), 1e-5f);
        }
    }
}
