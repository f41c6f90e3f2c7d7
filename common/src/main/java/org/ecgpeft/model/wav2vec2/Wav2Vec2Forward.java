package org.ecgpeft.model.wav2vec2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ecgpeft.model.ForwardCommand;
import org.ecgpeft.tensor.TensorReader;

/**
 * The {@code forward} command for wav2vec2, HuBERT and ECG-FM checkpoints: reads {@code input_values} (HF) or
 * {@code source} (fairseq) and an optional {@code attention_mask}, writes {@code hidden_states.{i}} and, for a
 * checkpoint with a classification head, {@code logits}.
 */
public final class Wav2Vec2Forward implements ForwardCommand.Family {

    @Override
    public Map<String, NDArray> forward(Path checkpoint, TensorReader inputs, NDManager manager) throws IOException {
        String name = inputs.contains("input_values") ? "input_values" : "source";
        if (!inputs.contains(name)) {
            throw new IllegalArgumentException("no 'input_values' or 'source' tensor (found " + inputs.names() + ")");
        }
        NDArray samples = inputs.read(name, manager, DataType.FLOAT32);
        NDArray mask = inputs.contains("attention_mask") ? inputs.read("attention_mask", manager, DataType.INT64) : null;
        Wav2Vec2Checkpoints.Loaded model = Wav2Vec2Checkpoints.load(checkpoint, manager, DataType.FLOAT32);
        Map<String, NDArray> out = new LinkedHashMap<>();
        Wav2Vec2Output encoded;
        if (model.classifier() != null) {
            ClassifierOutput classified = model.classifier().classify(samples, mask, false);
            encoded = classified.encoder();
            out.put("logits", classified.logits());
        } else {
            encoded = model.encoder().forward(samples, mask, false);
        }
        for (int i = 0; i < encoded.hiddenStates().size(); i++) {
            out.put("hidden_states." + i, encoded.hiddenStates().get(i));
        }
        return out;
    }
}
