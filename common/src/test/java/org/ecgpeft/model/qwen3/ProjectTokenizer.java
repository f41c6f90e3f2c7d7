package org.ecgpeft.model.qwen3;

import java.nio.file.Files;
import java.nio.file.Path;

/** The Qwen3 tokenizer the project ships in {@code tokenizers/qwen3} at the repository root. */
public final class ProjectTokenizer {

    /** Relative to a module folder, where Surefire runs the tests. */
    private static final Path FOLDER = Path.of("..", "tokenizers", "qwen3");

    private ProjectTokenizer() {}

    /** The folder holding {@code tokenizer.json}; it is part of every clone, so its absence is an error. */
    public static Path folder() {
        if (!Files.isRegularFile(FOLDER.resolve("tokenizer.json"))) {
            throw new IllegalStateException(
                    "no " + FOLDER.toAbsolutePath().normalize().resolve("tokenizer.json")
                            + ": the tests run from a module folder of the checkout");
        }
        return FOLDER;
    }
}
