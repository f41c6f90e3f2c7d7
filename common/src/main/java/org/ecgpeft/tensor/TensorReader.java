package org.ecgpeft.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * A checkpoint's tensors by name, possibly spread over several shard files. Tensors are read
 * lazily, one at a time, so a model never needs two copies of its weights in memory.
 */
public interface TensorReader extends AutoCloseable {

    /** All tensor names, sorted. */
    Set<String> names();

    /**
     * Dtype and shape of a tensor.
     *
     * @throws IllegalArgumentException naming the key and the file when the tensor is absent
     */
    TensorMeta meta(String name);

    /**
     * Reads one tensor into {@code manager}. Floating tensors are converted to {@code target}
     * (FP32 or FP16 in Java; BF16 is widened with {@code bits << 16}); other targets are cast by
     * DJL. A {@code null} target keeps the stored type (BF16 becomes FP32).
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    NDArray read(String name, NDManager manager, DataType target);

    /** Reads one tensor as floats, without DJL; meant for tests and small tensors. */
    float[] readFloats(String name);

    /** Where the tensors come from (a file or folder), for messages. */
    String source();

    /** Whether a tensor of that name exists. */
    default boolean contains(String name) {
        return names().contains(name);
    }

    @Override
    void close();

    /** Wraps an I/O failure while reading {@code name} from {@code source}. */
    static UncheckedIOException readFailure(String source, String name, IOException e) {
        return new UncheckedIOException("cannot read tensor '" + name + "' from " + source + ": " + e.getMessage(), e);
    }
}
