package org.ecgpeft.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ecgpeft.peft.StateCopy;
import org.ecgpeft.peft.TensorFiles;

/**
 * A device-side copy of the trainable weights at the best epoch, so the run can end with them in the
 * model. PEFT weights are small, so keeping one copy costs little.
 */
final class BestWeights implements AutoCloseable {

    private final Map<String, Parameter> params;
    private final NDManager manager;
    private Map<String, NDArray> copy;

    BestWeights(Map<String, Parameter> params, NDManager parent) {
        this.params = params;
        this.manager = parent.newSubManager();
    }

    /** Replaces the copy with the current weights. */
    void capture() {
        release();
        copy = new LinkedHashMap<>();
        params.forEach((name, p) -> {
            NDArray c = p.getArray().duplicate();
            c.attach(manager);
            copy.put(name, c);
        });
    }

    /** Loads the copy from a checkpoint's weights file (on resume). */
    void load(Path weightsFile) throws IOException {
        release();
        copy = new LinkedHashMap<>();
        params.forEach((name, p) -> copy.put(name, manager.zeros(p.getArray().getShape(), p.getArray().getDataType())));
        try (NDManager scratch = manager.newSubManager()) {
            StateCopy.copyAll(TensorFiles.read(weightsFile, scratch), copy, weightsFile.toString());
        }
    }

    /** Copies the best weights back into the model; no-op when none were captured. */
    void restore() {
        if (copy != null) {
            copy.forEach((name, w) -> StateCopy.copy(name, w, params.get(name).getArray()));
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
