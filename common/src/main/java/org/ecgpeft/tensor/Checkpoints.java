package org.ecgpeft.tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Opens a checkpoint in any supported layout as a {@link TensorReader}. */
public final class Checkpoints {

    /** Files looked for, in order, when a model folder is given. */
    private static final String[] FOLDER_FILES = {
        "model.safetensors.index.json", "model.safetensors", "pytorch_model.bin"
    };

    private Checkpoints() {}

    /**
     * Opens {@code path}: a model folder (with one of {@code model.safetensors.index.json},
     * {@code model.safetensors}, {@code pytorch_model.bin}), a {@code .safetensors} file, a
     * safetensors index {@code .json}, or a torch zip file ({@code .bin}, {@code .pt}, {@code .pth}).
     * For a torch file the top-level dict is used when it holds tensors, else its {@code "model"}
     * or {@code "state_dict"} entry.
     */
    public static TensorReader open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            for (String name : FOLDER_FILES) {
                Path candidate = path.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return open(candidate);
                }
            }
            throw new IOException(
                    "no checkpoint in folder " + path + ": expected one of " + String.join(", ", FOLDER_FILES));
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException("checkpoint " + path + " does not exist");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".safetensors")) {
            return SafetensorsFile.open(path);
        }
        if (name.endsWith(".json")) {
            return ShardedSafetensors.open(path);
        }
        if (name.endsWith(".bin") || name.endsWith(".pt") || name.endsWith(".pth")) {
            return openTorch(path);
        }
        throw new IOException("unknown checkpoint type " + path
                + ": expected .safetensors, a safetensors index .json, or a torch .bin/.pt/.pth file");
    }

    private static TensorReader openTorch(Path path) throws IOException {
        TorchArchive archive = TorchArchive.open(path);
        try {
            return new TorchStateDict(archive, stateDict(archive), true);
        } catch (IOException | RuntimeException e) {
            archive.close();
            throw e;
        }
    }

    private static Map<?, ?> stateDict(TorchArchive archive) throws IOException {
        if (!(archive.root() instanceof Map<?, ?> root)) {
            throw new IOException(archive.file() + " does not hold a dict at the top level");
        }
        if (root.values().stream().anyMatch(v -> v instanceof TorchTensorRef)) {
            return root;
        }
        for (String key : new String[] {"model", "state_dict"}) {
            if (root.get(key) instanceof Map<?, ?> nested) {
                return nested;
            }
        }
        throw new IOException(archive.file() + " holds no tensors at the top level nor under \"model\"/\"state_dict\"");
    }
}
