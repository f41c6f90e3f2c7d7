package org.ecgpeft.forward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ecgpeft.model.nn.Module;
import org.ecgpeft.model.wav2vec2.ClassifierOutput;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Checkpoints;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Classifier;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Model;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Output;
import org.ecgpeft.tensor.TensorReader;

/**
 * The {@code forward} command for wav2vec2, HuBERT and ECG-FM checkpoints: reads {@code input_values} (HF) or
 * {@code source} (fairseq) and an optional {@code attention_mask}, writes {@code hidden_states.{i}} and, for a
 * checkpoint with a classification head, {@code logits}.
 */
public final class Wav2Vec2Forward implements ForwardCommand.Family {

    /** The classifier when the checkpoint has a head, else the bare encoder. */
    @Override
    public Module load(Path checkpoint, NDManager manager) throws IOException {
        Wav2Vec2Checkpoints.Loaded loaded = Wav2Vec2Checkpoints.load(checkpoint, manager, DataType.FLOAT32);
        return loaded.classifier() != null ? loaded.classifier() : loaded.encoder();
    }

    @Override
    public Map<String, NDArray> run(Module model, TensorReader inputs, NDManager manager) {
        String name = inputs.contains("input_values") ? "input_values" : "source";
        if (!inputs.contains(name)) {
            throw new IllegalArgumentException("no 'input_values' or 'source' tensor (found " + inputs.names() + ")");
        }
        NDArray samples = inputs.read(name, manager, DataType.FLOAT32);
        NDArray mask =
                inputs.contains("attention_mask") ? inputs.read("attention_mask", manager, DataType.INT64) : null;
        Map<String, NDArray> out = new LinkedHashMap<>();
        Wav2Vec2Output encoded;
        if (model instanceof Wav2Vec2Classifier classifier) {
            ClassifierOutput classified = classifier.classify(samples, mask, false);
            encoded = classified.encoder();
            out.put("logits", classified.logits());
        } else {
            encoded = ((Wav2Vec2Model) model).forward(samples, mask, false);
        }
        for (int i = 0; i < encoded.hiddenStates().size(); i++) {
            out.put("hidden_states." + i, encoded.hiddenStates().get(i));
        }
        return out;
    }
}
