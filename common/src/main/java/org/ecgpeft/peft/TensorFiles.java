package org.ecgpeft.peft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small named-tensor files (adapters, optimizer state) in the safetensors format, through DJL's own
 * encoder/decoder. Files are read whole, which suits adapter-sized files (well under 2 GiB).
 */
public final class TensorFiles {

    private TensorFiles() {
    }

    /** Writes the arrays under their map keys, in map order. */
    public static void write(Path file, Map<String, NDArray> tensors) throws IOException {
        NDList list = new NDList(tensors.size());
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            e.getValue().setName(e.getKey());
            list.add(e.getValue());
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try (OutputStream os = Files.newOutputStream(file)) {
            list.encode(os, NDList.Encoding.SAFETENSORS);
        }
    }

    /** Reads every tensor of a safetensors file onto {@code manager}, by name. */
    public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no tensor file " + file);
        }
        NDList list;
        try (InputStream in = Files.newInputStream(file)) {
            list = NDList.decode(manager, in);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException("cannot decode safetensors file " + file + ": " + e.getMessage(), e);
        }
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (NDArray a : list) {
            out.put(a.getName(), a);
        }
        return out;
    }
}
