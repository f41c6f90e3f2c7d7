package org.ecgpeft.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON config file and its typed fields with errors that name the file and the key. It lives in its
 * own package rather than next to a reader (in {@code train} or {@code peft}) because readers of both use it
 * and {@code peft} must not depend on {@code train}.
 */
public final class JsonFields {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonFields() {}

    /** Turns a file's root node into a value; may read further files (a nested reader of the same file). */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(JsonNode root) throws IOException;
    }

    /**
     * Parses {@code file} and hands its root to {@code parse}. Malformed JSON becomes an {@link IOException}
     * naming the file; an {@link IllegalArgumentException} from {@code parse} (which names the key) is
     * rethrown prefixed with the file, unless it already starts with it (a nested reader of the same file).
     */
    public static <T> T read(Path file, Parser<T> parse) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException("malformed JSON in " + file + ": " + e.getOriginalMessage(), e);
        }
        try {
            return parse.parse(root);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new IllegalArgumentException(
                    message != null && message.startsWith(file.toString()) ? message : file + ": " + message, e);
        }
    }

    /** The value of {@code key}; absent or JSON null is an error naming the key. */
    public static JsonNode required(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing key '" + key + "'");
        }
        return v;
    }

    /** The required integer at {@code key}. */
    public static int integer(JsonNode node, String key) {
        JsonNode v = required(node, key);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("key '" + key + "' must be an integer, got " + v);
        }
        return v.intValue();
    }

    /** The required number at {@code key}. */
    public static double number(JsonNode node, String key) {
        JsonNode v = required(node, key);
        if (!v.isNumber()) {
            throw new IllegalArgumentException("key '" + key + "' must be a number, got " + v);
        }
        return v.doubleValue();
    }

    /**
     * The strings of {@code list}, the value of {@code key}; anything but a JSON array of strings is an
     * error naming the key.
     */
    public static List<String> strings(JsonNode list, String key) {
        if (!list.isArray()) {
            throw new IllegalArgumentException("key '" + key + "' must be a list of strings, got " + list);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode v : list) {
            if (!v.isTextual()) {
                throw new IllegalArgumentException("key '" + key + "' must be a list of strings, got " + list);
            }
            out.add(v.asText());
        }
        return out;
    }
}
