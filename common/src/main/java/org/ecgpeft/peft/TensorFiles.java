package org.ecgpeft.peft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ecgpeft.tensor.Checkpoints;
import org.ecgpeft.tensor.SafetensorsWriter;
import org.ecgpeft.tensor.TensorReader;

/**
 * Named-tensor files (adapters, optimizer state) in the safetensors format with PyTorch's
 * {@code {"format": "pt"}} metadata, through the tensor package.
 */
public final class TensorFiles {

    private static final Map<String, String> METADATA = Map.of("format", "pt");

    private TensorFiles() {}

    /** Writes the arrays under their map keys (creating the parent folder). */
    public static void write(Path file, Map<String, NDArray> tensors) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        SafetensorsWriter.write(file, tensors, METADATA);
    }

    /** Reads every tensor of a safetensors file onto {@code manager} in its stored dtype, by name. */
    public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        Map<String, NDArray> out = new LinkedHashMap<>();
        try (TensorReader reader = Checkpoints.open(file)) {
            for (String name : reader.names()) {
                out.put(
                        name,
                        reader.read(name, manager, reader.meta(name).dtype().djlType()));
            }
        }
        return out;
    }
}
