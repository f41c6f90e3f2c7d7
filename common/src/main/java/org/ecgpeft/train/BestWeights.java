package org.ecgpeft.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ecgpeft.peft.StateCopy;
import org.ecgpeft.peft.TensorFiles;

/**
 * A device-side copy of the trainable weights (and buffers) at the best epoch, so the run can end with them in
 * the model and every epoch checkpoint can carry them. PEFT weights are small, so keeping one copy costs little.
 */
final class BestWeights implements AutoCloseable {

    private final Map<String, NDArray> weights;
    private final NDManager manager;
    private Map<String, NDArray> copy;

    BestWeights(Map<String, NDArray> weights, NDManager parent) {
        this.weights = weights;
        this.manager = parent.newSubManager();
    }

    /** Replaces the copy with the current weights. */
    void capture() {
        release();
        copy = new LinkedHashMap<>();
        weights.forEach((name, w) -> {
            NDArray c = w.duplicate();
            c.attach(manager);
            copy.put(name, c);
        });
    }

    /** Loads the copy from a checkpoint's weights file (on resume). */
    void load(Path weightsFile) throws IOException {
        release();
        copy = new LinkedHashMap<>();
        weights.forEach((name, w) -> copy.put(name, manager.zeros(w.getShape(), w.getDataType())));
        try (NDManager scratch = manager.newSubManager()) {
            StateCopy.copyAll(TensorFiles.read(weightsFile, scratch), copy, weightsFile.toString());
        }
    }

    /** The copy, or null when none was captured. */
    Map<String, NDArray> weights() {
        return copy;
    }

    /** Copies the best weights back into the model; no-op when none were captured. */
    void restore() {
        if (copy != null) {
            copy.forEach((name, w) -> StateCopy.copy(name, w, weights.get(name)));
        }
    }

    private void release() {
        if (copy != null) {
            copy.values().forEach(NDArray::close);
            copy = null;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
