package org.ecgpeft.train.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a trained model's artifact folder (see {@link ArtifactManifest} for the layout). */
public final class Artifacts {

    private Artifacts() {}

    /**
     * Writes the PEFT weights and head, the frozen base when it was randomly initialised, and
     * {@code artifact.json} last, so a folder with a manifest is always complete.
     */
    public static void save(Path dir, ArtifactManifest manifest, PeftClassifier model) throws IOException {
        if (manifest.family() != model.family()
                || manifest.peft() != model.peft().method()) {
            throw new IllegalArgumentException("manifest says "
                    + manifest.family().key() + "/" + manifest.peft().key() + " but the model is "
                    + model.family().key() + "/" + model.peft().method().key());
        }
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(ArtifactManifest.FILE));
        model.savePeft(dir.resolve(ArtifactManifest.PEFT_DIR));
        if (manifest.baseCheckpoint() == null) {
            model.saveFrozenBase(dir.resolve(ArtifactManifest.BASE_WEIGHTS));
        }
        manifest.write(dir);
    }
}
