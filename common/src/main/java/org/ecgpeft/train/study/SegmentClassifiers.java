package org.ecgpeft.train.study;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Checkpoints;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Classifier;
import org.ecgpeft.peft.AdapterFiles;
import org.ecgpeft.peft.LoraAdapterFiles;
import org.ecgpeft.tensor.Checkpoints;
import org.ecgpeft.tensor.KeyMapping;
import org.ecgpeft.tensor.StateDictLoader;
import org.ecgpeft.tensor.TensorReader;

/** Rebuilds trained segment classifiers from their artifact folders, e.g. once per Spark executor. */
public final class SegmentClassifiers {

    /** Segments per forward pass when predicting. */
    static final int BATCH_SIZE = 64;

    private SegmentClassifiers() {}

    /**
     * Loads the artifact in {@code dir} onto {@code manager}'s device: the base (from its pretrained checkpoint
     * or the folder's {@code base_model.safetensors}), then the PEFT weights and head. The classifier owns a
     * sub-manager of {@code manager}, freed by {@link SegmentClassifier#close()}.
     */
    public static SegmentClassifier load(Path dir, NDManager manager) throws IOException {
        ArtifactManifest manifest = ArtifactManifest.read(dir);
        NDManager own = manager.newSubManager();
        try {
            Wav2Vec2Classifier model = manifest.family().newClassifier(manifest.baseConfig());
            model.materialize(own, DataType.FLOAT32, false);
            if (manifest.baseCheckpoint() != null) {
                Wav2Vec2Checkpoints.loadEncoder(Path.of(manifest.baseCheckpoint()), model.base());
            } else {
                loadFrozenBase(dir.resolve(ArtifactManifest.BASE_WEIGHTS), model, manifest.family(), own);
            }
            Path peft = dir.resolve(ArtifactManifest.PEFT_DIR);
            if (manifest.peft().isLora()) {
                LoraAdapterFiles.load(peft, model);
            } else {
                AdapterFiles.load(peft, model);
            }
            return new LoadedSegmentClassifier(manifest, model, own, BATCH_SIZE);
        } catch (IOException | RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /** Copies the saved base into every parameter outside the head (the head comes with the PEFT files). */
    private static void loadFrozenBase(Path file, Wav2Vec2Classifier model, Family family, NDManager manager)
            throws IOException {
        Map<String, Parameter> targets = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> {
            if (family.headModules().stream().noneMatch(h -> name.startsWith(h + "."))) {
                targets.put(name, p);
            }
        });
        try (TensorReader reader = Checkpoints.open(file)) {
            StateDictLoader.strict(KeyMapping.identity()).load(reader, targets, manager, null);
        }
    }
}
