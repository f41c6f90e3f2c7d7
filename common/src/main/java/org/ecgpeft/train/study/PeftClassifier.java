package org.ecgpeft.train.study;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Classifier;
import org.ecgpeft.peft.AdapterFiles;
import org.ecgpeft.peft.LoraAdapterFiles;
import org.ecgpeft.peft.TensorFiles;
import org.ecgpeft.train.TrainableModel;

/**
 * A family's classifier with its PEFT weights attached: the frozen base, the trainable PEFT weights and the
 * trainable head. Its arrays live on the manager it was built on; the caller closes that manager.
 */
public final class PeftClassifier {

    private final Family family;
    private final PeftSpec peft;
    private final Wav2Vec2Classifier model;

    PeftClassifier(Family family, PeftSpec peft, Wav2Vec2Classifier model) {
        this.family = family;
        this.peft = peft;
        this.model = model;
    }

    public Family family() {
        return family;
    }

    public PeftSpec peft() {
        return peft;
    }

    public Wav2Vec2Classifier model() {
        return model;
    }

    /** The classifier as the trainer sees it: logits of a prepared batch (no padding mask: segments are equal). */
    public TrainableModel trainable() {
        return TrainableModel.of(
                model, (x, training) -> model.classify(x, null, training).logits());
    }

    /** Parameters that receive gradients: the PEFT weights and the head. */
    public long trainableParameters() {
        return model.countParameters(true);
    }

    /** Every parameter, base + PEFT + head. */
    public long totalParameters() {
        return model.countParameters(false);
    }

    /** Writes the PEFT weights and the head to {@code dir} in the peft package's formats. */
    public void savePeft(Path dir) throws IOException {
        if (peft.method().isLora()) {
            LoraAdapterFiles.save(dir, model, peft.loraConfig(family.headModules()));
        } else {
            AdapterFiles.save(
                    dir,
                    model,
                    peft.adapterConfig(family.headModules()),
                    ModelFactory.layerPattern(model),
                    model.base().config().hiddenSize());
        }
    }

    /** Writes every frozen parameter (the base) to a safetensors file: needed when the base was random-init. */
    public void saveFrozenBase(Path file) throws IOException {
        Map<String, NDArray> frozen = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            if (!e.getValue().requiresGradient()) {
                frozen.put(e.getKey(), e.getValue().getArray());
            }
        }
        TensorFiles.write(file, frozen);
    }
}
