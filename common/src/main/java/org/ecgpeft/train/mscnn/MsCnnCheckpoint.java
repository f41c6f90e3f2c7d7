package org.ecgpeft.train.mscnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ecgpeft.config.Json;
import org.ecgpeft.model.mscnn.MsCnn;
import org.ecgpeft.model.mscnn.MsCnnConfig;
import org.ecgpeft.tensor.Checkpoints;
import org.ecgpeft.tensor.KeyMapping;
import org.ecgpeft.tensor.SafetensorsWriter;
import org.ecgpeft.tensor.StateDictLoader;
import org.ecgpeft.tensor.TensorReader;
import org.ecgpeft.train.AtomicFolder;

/**
 * A trained MS-CNN as a folder: {@code model.safetensors} (every parameter and BatchNorm running statistic
 * under its PyTorch-style name, FP32) and {@code config.json} (the {@link MsCnnConfig}). Self-contained, so a
 * Spark executor can rebuild the encoder from the folder alone.
 */
public final class MsCnnCheckpoint {

    public static final String WEIGHTS = "model.safetensors";
    public static final String CONFIG = "config.json";

    private MsCnnCheckpoint() {}

    /** Writes {@code model}'s weights and config as the folder {@code dir}, replacing it whole and atomically. */
    public static void save(Path dir, MsCnn model) throws IOException {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> tensors.put(name, p.getArray()));
        AtomicFolder.write(dir, tmp -> {
            SafetensorsWriter.write(tmp.resolve(WEIGHTS), tensors, Map.of("format", "pt", "model_type", "ms-cnn"));
            Json.OWN.write(tmp.resolve(CONFIG), model.config());
        });
    }

    /** The config stored in {@code dir}. */
    public static MsCnnConfig readConfig(Path dir) throws IOException {
        Path file = dir.resolve(CONFIG);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no MS-CNN checkpoint in " + dir + ": " + CONFIG + " is missing");
        }
        try {
            return Json.OWN.read(file, MsCnnConfig.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot read MS-CNN config " + e.getMessage(), e);
        }
    }

    /**
     * Rebuilds the encoder of {@code dir} on {@code manager}'s device in FP32, frozen for inference (call
     * {@code setTrainable(true)} to fine-tune it).
     *
     * @throws org.ecgpeft.tensor.CheckpointMismatchException when the weights do not match the config
     */
    public static MsCnn load(Path dir, NDManager manager) throws IOException {
        MsCnn model = new MsCnn(readConfig(dir));
        model.materialize(manager, DataType.FLOAT32, false);
        loadWeights(dir, model);
        model.setTrainable(false);
        return model;
    }

    private static void loadWeights(Path dir, MsCnn model) throws IOException {
        NDManager manager =
                model.namedParameters().values().iterator().next().getArray().getManager();
        try (TensorReader reader = Checkpoints.open(dir.resolve(WEIGHTS))) {
            StateDictLoader.strict(KeyMapping.identity()).load(reader, model.namedParameters(), manager, null);
        }
    }
}
