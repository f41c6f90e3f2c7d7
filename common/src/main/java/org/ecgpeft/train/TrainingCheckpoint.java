package org.ecgpeft.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.ecgpeft.peft.StateCopy;
import org.ecgpeft.peft.TensorFiles;

/**
 * Checkpoints under one root: {@code epoch-NNN/} after every epoch and {@code best/} for the best
 * validation F1. Each holds {@code trainable.safetensors} (trainable weights by dotted name),
 * {@code optimizer.safetensors} (AdamW moments {@code exp_avg.<name>}, {@code exp_avg_sq.<name>}; epoch
 * checkpoints only) and {@code state.json} ({@link TrainingState}, with the optimizer's step count).
 */
public final class TrainingCheckpoint {

    static final String WEIGHTS = "trainable.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String STATE = "state.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    public TrainingCheckpoint(Path root) {
        this.root = root;
    }

    public Path epochDir(int epoch) {
        return root.resolve(String.format("epoch-%03d", epoch));
    }

    public Path bestDir() {
        return root.resolve("best");
    }

    /** The checkpoint of the last completed epoch, if any. */
    public Optional<Path> latest() throws IOException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> d.getFileName().toString().matches("epoch-\\d{3,}")
                            && Files.isRegularFile(d.resolve(STATE)))
                    .max((a, b) -> Integer.compare(epochOf(a), epochOf(b)));
        }
    }

    /** Writes weights, optimizer state (when given) and loop state into {@code dir}. */
    public void save(Path dir, Map<String, Parameter> trainable, AdamW optimizer, TrainingState state)
            throws IOException {
        Files.createDirectories(dir);
        TensorFiles.write(dir.resolve(WEIGHTS), arrays(trainable));
        if (optimizer != null) {
            TensorFiles.write(dir.resolve(OPTIMIZER), optimizer.state());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("optimizer_steps", optimizer == null ? state.steps() : optimizer.steps());
        json.put("state", state);
        // Write then move, so an interrupted save never leaves a half-written state that resume would trust.
        Path tmp = dir.resolve(STATE + ".tmp");
        JSON.writeValue(tmp.toFile(), json);
        Files.move(tmp, dir.resolve(STATE), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Copies the weights (and the optimizer state when {@code optimizer} is non-null) of {@code dir} in place. */
    public static TrainingState load(Path dir, Map<String, Parameter> trainable, AdamW optimizer) throws IOException {
        NDManager anyManager = trainable.values().iterator().next().getArray().getManager();
        try (NDManager scratch = anyManager.newSubManager()) {
            StateCopy.copyAll(TensorFiles.read(dir.resolve(WEIGHTS), scratch), arrays(trainable),
                    dir.resolve(WEIGHTS).toString());
            if (optimizer != null) {
                StateCopy.copyAll(TensorFiles.read(dir.resolve(OPTIMIZER), scratch), optimizer.state(),
                        dir.resolve(OPTIMIZER).toString());
            }
        }
        var root = JSON.readTree(dir.resolve(STATE).toFile());
        if (optimizer != null) {
            optimizer.restoreSteps(root.path("optimizer_steps").asLong());
        }
        return JSON.treeToValue(root.get("state"), TrainingState.class);
    }

    private static Map<String, NDArray> arrays(Map<String, Parameter> params) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        params.forEach((k, p) -> out.put(k, p.getArray()));
        return out;
    }

    private static int epochOf(Path dir) {
        return Integer.parseInt(dir.getFileName().toString().substring("epoch-".length()));
    }
}
