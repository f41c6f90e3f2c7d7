package org.ecgpeft.model.qwen3;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates the real Qwen3 tokenizer under {@code ${ecg.shared.dir}/fixtures/qwen3-tokenizer} for tests. */
public final class SharedTokenizer {

    private SharedTokenizer() {
    }

    /** The folder holding {@code tokenizer.json}; skips the calling test (naming {@code what}) when it is absent. */
    public static Path folderOrSkip(String what) {
        String shared = System.getProperty("ecg.shared.dir");
        Assumptions.assumeTrue(shared != null, "system property ecg.shared.dir is not set: " + what + " skipped");
        Path folder = Path.of(shared, "fixtures", "qwen3-tokenizer");
        Assumptions.assumeTrue(Files.isRegularFile(folder.resolve("tokenizer.json")),
                "no " + folder.resolve("tokenizer.json") + ": " + what + " skipped");
        return folder;
    }
}
