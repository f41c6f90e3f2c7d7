package org.ecgpeft.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.ecgpeft.config.BadKeyException;
import org.ecgpeft.config.Json;
import org.ecgpeft.peft.StateCopy;
import org.ecgpeft.peft.TensorFiles;

/**
 * Checkpoints under one root: {@code epoch-NNN/} after every epoch and {@code best/} for the best
 * validation F1, each written whole or not at all ({@link AtomicFolder}). Each holds
 * {@code trainable.safetensors} (trainable weights and buffers such as BatchNorm statistics, by dotted name),
 * {@code state.json} ({@link TrainingState}, with the optimizer's step count) and, in epoch checkpoints,
 * {@code optimizer.safetensors} (AdamW moments {@code exp_avg.<name>}, {@code exp_avg_sq.<name>}) and
 * {@code best.safetensors} (the best epoch's weights so far). An epoch checkpoint is thus all a resume reads;
 * {@code best/} is written before it, so it is never older than what the latest epoch checkpoint calls best.
 */
public final class TrainingCheckpoint {

    static final String WEIGHTS = "trainable.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String BEST = "best.safetensors";
    static final String STATE = "state.json";

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

    /** The checkpoint of the last completed epoch, if any (an interrupted write is recovered first). */
    public Optional<Path> latest() throws IOException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        AtomicFolder.recover(bestDir());
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> d.getFileName().toString().matches("epoch-\\d{3,}")
                            && Files.isRegularFile(d.resolve(STATE)))
                    .max((a, b) -> Integer.compare(epochOf(a), epochOf(b)));
        }
    }

    /**
     * Writes {@code dir} atomically: weights, loop state, and when given the optimizer state, the best weights
     * so far and the caller's own files ({@code extra}, may be null).
     */
    public void save(
            Path dir,
            Map<String, NDArray> weights,
            AdamW optimizer,
            Map<String, NDArray> best,
            TrainingState state,
            AtomicFolder.Contents extra)
            throws IOException {
        AtomicFolder.write(dir, tmp -> {
            TensorFiles.write(tmp.resolve(WEIGHTS), weights);
            if (optimizer != null) {
                try (NDManager scratch =
                        weights.values().iterator().next().getManager().newSubManager()) {
                    TensorFiles.write(tmp.resolve(OPTIMIZER), optimizer.state(scratch));
                }
            }
            if (best != null) {
                TensorFiles.write(tmp.resolve(BEST), best);
            }
            if (extra != null) {
                extra.write(tmp);
            }
            Json.OWN.write(
                    tmp.resolve(STATE), new StateJson(optimizer == null ? state.steps() : optimizer.steps(), state));
        });
    }

    /** Copies the weights (and the optimizer state when {@code optimizer} is non-null) of {@code dir} in place. */
    public static TrainingState load(Path dir, Map<String, NDArray> weights, AdamW optimizer) throws IOException {
        try (NDManager scratch = weights.values().iterator().next().getManager().newSubManager()) {
            StateCopy.copyAll(
                    TensorFiles.read(dir.resolve(WEIGHTS), scratch),
                    weights,
                    dir.resolve(WEIGHTS).toString());
            if (optimizer != null) {
                optimizer.loadState(
                        TensorFiles.read(dir.resolve(OPTIMIZER), scratch),
                        dir.resolve(OPTIMIZER).toString());
            }
        }
        StateJson stored = Json.OWN.read(dir.resolve(STATE), StateJson.class);
        if (optimizer != null) {
            optimizer.restoreSteps(stored.optimizerSteps());
        }
        return stored.state();
    }

    /** {@value #STATE}: the optimizer's step count and the loop state. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StateJson(Long optimizerSteps, TrainingState state) {

        StateJson {
            BadKeyException.required(optimizerSteps, "optimizer_steps");
            BadKeyException.required(state, "state");
        }
    }

    private static int epochOf(Path dir) {
        return Integer.parseInt(dir.getFileName().toString().substring("epoch-".length()));
    }
}
