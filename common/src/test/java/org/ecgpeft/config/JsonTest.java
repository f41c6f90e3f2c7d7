package org.ecgpeft.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Peft(Integer rank, Double dropout, Boolean useRslora) {
        Peft {
            BadKeyException.required(rank, "rank");
            if (rank <= 0) {
                throw BadKeyException.of("rank", "must be positive, got " + rank);
            }
        }
    }

    record Model(String name, Peft peft) {}

    record Plan(List<Model> models, Map<String, Integer> sizes) {}

    @Test
    void recordsRoundTripThroughAFile(@TempDir Path dir) throws IOException {
        Plan plan = new Plan(
                List.of(new Model("a", new Peft(8, 0.1, true)), new Model("b", new Peft(4, null, false))),
                Map.of("x", 3));
        Path file = dir.resolve("plan.json");
        Json.OWN.write(file, plan);
        assertEquals(plan, Json.OWN.read(file, Plan.class));
        assertTrue(Files.readString(file).contains("\"use_rslora\" : true"), Files.readString(file));
        assertEquals(plan, Json.OWN.parse(Json.OWN.write(plan), Plan.class, "text"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{'models': [{'name': 'a', 'peft': {'rank': 1}}, {'name': 'b', 'peft': {'rank': 'x'}}]}"
                        + " | key \"models[1].peft.rank\": expected an integer, got \"x\"",
                "{'models': [{'name': 'a', 'peft': {'rank': 1.5}}]} | key \"models[0].peft.rank\": expected an integer, got 1.5",
                "{'models': [{'name': 'a', 'peft': {'rank': 0}}]} | key \"models[0].peft.rank\": must be positive, got 0",
                "{'models': [{'name': 'a', 'peft': {}}]} | missing key \"models[0].peft.rank\"",
                "{'models': [{'name': 'a', 'peft': {'rank': 1, 'drop': 1}}]} | unknown key \"models[0].peft.drop\" (known: [dropout, rank, use_rslora])",
                "{'models': [{'name': 'a', 'peft': {'rnk': 1}}]} | unknown key \"models[0].peft.rnk\" (known: [dropout, rank, use_rslora])",
                "{'models': [{'name': 'a', 'peft': {'rank': 1, 'use_rslora': 1}}]} | key \"models[0].peft.use_rslora\": expected true or false, got 1",
                "{'models': [{'name': 7}]} | key \"models[0].name\": expected a string, got 7",
                "{'models': {'name': 'a'}} | key \"models\": expected a list, got {\"name\":\"a\"}",
                "{'sizes': {'x': 'big'}} | key \"sizes.x\": expected an integer, got \"big\"",
                "{'models': [{'peft': {'rank': 3000000000}}]} | key \"models[0].peft.rank\": expected an integer, got 3000000000",
                "[] | expected an object, got []",
            })
    void errorsNameTheFileAndTheKeyPath(String body, String expected, @TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plan.json"), body.replace('\'', '"'));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Json.OWN.read(file, Plan.class));
        assertEquals(file + ": " + expected, e.getMessage());
    }

    record Sizes(int width, int height) {}

    @Test
    void primitiveKeysAreRequiredAndATypoIsNamedAsUnknown() {
        assertEquals(new Sizes(1, 2), Json.OWN.parse("{\"width\": 1, \"height\": 2}", Sizes.class, "s"));
        assertEquals(
                "s: missing key \"height\"",
                assertThrows(IllegalArgumentException.class, () -> Json.OWN.parse("{\"width\": 1}", Sizes.class, "s"))
                        .getMessage());
        assertEquals(
                "s: unknown key \"heigth\" (known: [height, width])",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Json.OWN.parse("{\"width\": 1, \"heigth\": 2}", Sizes.class, "s"))
                        .getMessage());
    }

    record Scores(double f1, Double auroc, Map<String, Double> metrics) {}

    @Test
    void nonFiniteNumbersRoundTrip() {
        // A checkpoint's metrics can be NaN (one class only) or infinite: they must read back as written.
        Scores s = new Scores(Double.NaN, Double.POSITIVE_INFINITY, Map.of("loss", Double.NEGATIVE_INFINITY));
        String text = Json.OWN.write(s);
        assertEquals(s, Json.OWN.parse(text, Scores.class, "text"));
    }

    @Test
    void foreignFilesIgnoreUnknownKeysButNotBadTypes() {
        assertEquals(new Peft(2, null, null), Json.FOREIGN.parse("{\"rank\": 2, \"other\": 1}", Peft.class, "f"));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Json.FOREIGN.parse("{\"rank\": \"2\", \"other\": 1}", Peft.class, "f"));
        assertEquals("f: key \"rank\": expected an integer, got \"2\"", e.getMessage());
    }

    @Test
    void malformedJsonAndDuplicateKeysAreIoErrorsNamingTheFile(@TempDir Path dir) throws IOException {
        Path malformed = Files.writeString(dir.resolve("bad.json"), "{\"rank\": ");
        IOException io = assertThrows(IOException.class, () -> Json.OWN.read(malformed, Peft.class));
        assertTrue(io.getMessage().startsWith("malformed JSON in " + malformed + ": "), io.getMessage());
        Path twice = Files.writeString(dir.resolve("twice.json"), "{\"rank\": 1, \"rank\": 2}");
        io = assertThrows(IOException.class, () -> Json.OWN.read(twice, Peft.class));
        assertTrue(io.getMessage().contains("Duplicate field 'rank'"), io.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        assertThrows(IOException.class, () -> Json.OWN.read(empty, Peft.class));
        assertThrows(IOException.class, () -> Json.OWN.read(dir.resolve("nowhere.json"), Peft.class));
    }

    @Test
    void aSectionOrTheWholeFileIsRead(@TempDir Path dir) throws IOException {
        Path whole = Files.writeString(dir.resolve("a.json"), "{\"peft\": {\"rank\": 3}, \"other\": 1}");
        assertEquals(new Peft(3, null, null), Json.OWN.readSection(whole, "peft", Peft.class, p -> p));
        Path alone = Files.writeString(dir.resolve("b.json"), "{\"rank\": 4}");
        assertEquals(new Peft(4, null, null), Json.OWN.readSection(alone, "peft", Peft.class, p -> p));
        Path bad = Files.writeString(dir.resolve("c.json"), "{\"peft\": {\"rank\": -1}}");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Json.OWN.readSection(bad, "peft", Peft.class, p -> p));
        assertEquals(bad + ": key \"peft.rank\": must be positive, got -1", e.getMessage());
    }
}
