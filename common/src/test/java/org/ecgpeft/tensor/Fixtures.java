package org.ecgpeft.tensor;

import java.nio.file.Path;

/** Locations of the parity fixtures (see src/test/resources/fixtures/README.md). */
final class Fixtures {

    static final Path ROOT = Path.of("src", "test", "resources", "fixtures");

    private Fixtures() {}

    static Path of(String relative) {
        return ROOT.resolve(relative);
    }
}
