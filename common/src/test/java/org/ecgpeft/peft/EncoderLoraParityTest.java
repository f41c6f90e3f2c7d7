package org.ecgpeft.peft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.Arrays;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Checkpoints;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Classifier;
import org.ecgpeft.train.WeightedCrossEntropy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HF peft LoRA on the wav2vec2-family classifiers: same loss and gradients as PyTorch (fixtures). */
class EncoderLoraParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"wav2vec2-tiny", "wav2vec2-tiny-stable", "hubert-tiny"})
    void lossAndEveryLoraAndHeadGradientMatchPeft(String name) throws Exception {
        Path fixture = LoraConfigFileTest.FIXTURES.resolve(name);
        Path hf = fixture.resolve("hf_safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            Wav2Vec2Classifier model =
                    Wav2Vec2Checkpoints.load(hf, m, DataType.FLOAT32).classifier();
            PeftParity.check(fixture, model, m, io -> {
                int[] labels = Arrays.stream(io.get("labels").toLongArray())
                        .mapToInt(l -> (int) l)
                        .toArray();
                NDArray logits =
                        model.classify(io.get("input_values"), null, false).logits();
                return new WeightedCrossEntropy(null).loss(logits, labels, 1.0);
            });
        }
    }
}
