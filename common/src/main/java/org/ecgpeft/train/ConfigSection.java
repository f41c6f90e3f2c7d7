package org.ecgpeft.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.ecgpeft.config.JsonFields;

/** Reads one named section of a study config file (or its root when absent), naming the file in every error. */
final class ConfigSection {

    private ConfigSection() {}

    static <T> T read(Path file, String section, Function<JsonNode, T> parse) throws IOException {
        return JsonFields.read(file, root -> parse.apply(root.has(section) ? root.get(section) : root));
    }
}
