package org.ecgpeft.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFieldsTest {

    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void typedFieldsAreReadAndBadOnesNameTheKey() throws IOException {
        JsonNode n = json("{\"r\": 8, \"alpha\": 16.5, \"names\": [\"q\", \"v\"], \"gone\": null, \"f\": 1.5,"
                + " \"mixed\": [\"q\", 3], \"one\": \"q\"}");
        assertEquals(8, JsonFields.integer(n, "r"));
        assertEquals(16.5, JsonFields.number(n, "alpha"));
        assertEquals(List.of("q", "v"), JsonFields.strings(n.get("names"), "names"));
        assertEquals(
                "missing key 'gone'",
                assertThrows(IllegalArgumentException.class, () -> JsonFields.required(n, "gone"))
                        .getMessage());
        assertEquals(
                "missing key 'absent'",
                assertThrows(IllegalArgumentException.class, () -> JsonFields.number(n, "absent"))
                        .getMessage());
        assertEquals(
                "key 'f' must be an integer, got 1.5",
                assertThrows(IllegalArgumentException.class, () -> JsonFields.integer(n, "f"))
                        .getMessage());
        assertEquals(
                "key 'one' must be a number, got \"q\"",
                assertThrows(IllegalArgumentException.class, () -> JsonFields.number(n, "one"))
                        .getMessage());
        assertEquals(
                "key 'mixed' must be a list of strings, got [\"q\",3]",
                assertThrows(IllegalArgumentException.class, () -> JsonFields.strings(n.get("mixed"), "mixed"))
                        .getMessage());
        assertEquals(
                "key 'one' must be a list of strings, got \"q\"",
                assertThrows(IllegalArgumentException.class, () -> JsonFields.strings(n.get("one"), "one"))
                        .getMessage());
    }

    @Test
    void fileErrorsNameTheFileOnce(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("conf.json"), "{\"r\": \"x\"}");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> JsonFields.read(file, root -> JsonFields.integer(root, "r")));
        assertEquals(file + ": key 'r' must be an integer, got \"x\"", e.getMessage());
        // A nested reader of the same file already names it: the prefix is not repeated.
        IllegalArgumentException nested = assertThrows(
                IllegalArgumentException.class,
                () -> JsonFields.read(file, root -> JsonFields.read(file, r -> JsonFields.integer(r, "r"))));
        assertEquals(e.getMessage(), nested.getMessage());

        Path malformed = Files.writeString(dir.resolve("bad.json"), "{\"r\": ");
        IOException io = assertThrows(IOException.class, () -> JsonFields.read(malformed, root -> root));
        assertTrue(io.getMessage().startsWith("malformed JSON in " + malformed + ": "), io.getMessage());

        assertEquals("x", JsonFields.read(file, root -> root.get("r").asText()));
    }
}
