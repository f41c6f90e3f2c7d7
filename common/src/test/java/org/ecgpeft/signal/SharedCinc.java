package org.ecgpeft.signal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates the real CinC 2017 records under {@code ${ecg.shared.dir}/data/cinc2017} for real-data tests. */
public final class SharedCinc {

    private SharedCinc() {}

    /** The CinC 2017 folder; skips the calling test (naming {@code what}) when it is absent. */
    public static Path folderOrSkip(String what) {
        String shared = System.getProperty("ecg.shared.dir");
        Path folder = shared == null ? null : Path.of(shared, "data", "cinc2017");
        Assumptions.assumeTrue(
                folder != null && Files.isRegularFile(folder.resolve("REFERENCE.csv")),
                "CinC 2017 not found under ecg.shared.dir (" + shared + "/data/cinc2017): skipping " + what);
        return folder;
    }
}
