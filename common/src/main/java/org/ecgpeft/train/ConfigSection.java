package org.ecgpeft.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/** Reads one named section of a study config file (or its root when absent), naming the file in every error. */
final class ConfigSection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigSection() {
    }

    static <T> T read(Path file, String section, Function<JsonNode, T> parse) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException("malformed JSON in " + file + ": " + e.getOriginalMessage(), e);
        }
        try {
            return parse.apply(root.has(section) ? root.get(section) : root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
