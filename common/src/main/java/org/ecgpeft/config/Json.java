package org.ecgpeft.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The project's one JSON setup: reads files into typed, immutable records and writes records back. Every
 * error names the file and the JSON path of the key, e.g.
 * {@code conf/peft-study.json: key "families.hubert.tiny.hidden_size": expected an integer, got "8"}.
 * Malformed JSON (and a missing file) is an {@link IOException}; a bad, missing or unknown key is an
 * {@link IllegalArgumentException}.
 *
 * <p>{@link #OWN} reads the files this project writes or users edit (study plans, manifests, checkpoints):
 * unknown and duplicate keys fail, so a typo is never silently ignored, and no value is coerced ("8" is not
 * 8, 1.5 is not an integer). {@link #FOREIGN} reads files other tools write (HF {@code config.json}, peft's
 * {@code adapter_config.json}): the same strict types, but keys we do not model are ignored.
 *
 * <p>In a record read here a primitive component is a required key; a boxed one (or a list, map, record) is
 * optional and null when absent, the record's compact constructor then checks what it requires with
 * {@link BadKeyException}, whose key gets the record's JSON path in front.
 */
public final class Json {

    /** For the project's own files: unknown keys are errors. */
    public static final Json OWN = new Json(true);

    /** For files written by other tools: unknown keys are ignored. */
    public static final Json FOREIGN = new Json(false);

    private static final int MAX_SHOWN = 80;

    // Configured once here and never changed: ObjectMapper is thread-safe in that use.
    private final ObjectMapper mapper;
    private final boolean strict;

    private Json(boolean strict) {
        this.strict = strict;
        this.mapper = JsonMapper.builder()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, strict)
                .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, strict)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // Jackson turns numbers and booleans into strings even without scalar coercion.
                .withCoercionConfig(
                        LogicalType.Textual,
                        c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    /** Reads {@code file} into {@code type}. */
    public <T> T read(Path file, Class<T> type) throws IOException {
        return read(file, type, Function.identity());
    }

    /**
     * Reads {@code file} into {@code type} and turns that into the result with {@code then} (e.g. a file
     * record into the domain config); an {@link IllegalArgumentException} of {@code then} gets the file's
     * name in front, as the reading errors do.
     */
    public <R, T> T read(Path file, Class<R> type, Function<R, T> then) throws IOException {
        JsonNode root = tree(file);
        return inFile(file, () -> then.apply(convert(root, type, "")));
    }

    /**
     * Reads the object {@code section} of {@code file} into {@code type}, or the whole file when it has no
     * such key (a file may hold one section alone), and turns that into the result with {@code then}; error
     * paths start at the file's root.
     */
    public <R, T> T readSection(Path file, String section, Class<R> type, Function<R, T> then) throws IOException {
        JsonNode root = tree(file);
        String where = root.has(section) ? section : "";
        return inFile(file, () -> {
            R value = convert(where.isEmpty() ? root : root.get(section), type, where);
            return under(where, () -> then.apply(value));
        });
    }

    /** Parses {@code text} into {@code type}; errors start with {@code source}, which says where it came from. */
    public <T> T parse(String text, Class<T> type, String source) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON in " + source + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("malformed JSON in " + source + ": no content");
        }
        return inSource(source, () -> convert(root, type, ""));
    }

    /**
     * Converts {@code node}, found at JSON path {@code where} ("" for a document's root), into {@code type};
     * errors name keys by their full path.
     */
    public <T> T convert(JsonNode node, Class<T> type, String where) {
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonMappingException e) {
            throw explain(e, node, where);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where(where) + e.getOriginalMessage(), e);
        }
    }

    /** The tree of {@code file}; malformed JSON or an empty file is an {@link IOException} naming it. */
    public JsonNode tree(Path file) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = mapper.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IOException("malformed JSON in " + file + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IOException("malformed JSON in " + file + ": the file is empty");
        }
        return root;
    }

    /** {@code value} as a tree (records by their JSON names). */
    public JsonNode toTree(Object value) {
        return mapper.valueToTree(value);
    }

    /** {@code value} as compact JSON text. */
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** Writes {@code value} into {@code file} as indented JSON, as the project's files have always been. */
    public void write(Path file, Object value) throws IOException {
        mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), value);
    }

    /**
     * Runs {@code body}, which works on the value at JSON path {@code where}: a {@link BadKeyException} it
     * throws gets {@code where} before its key, another {@link IllegalArgumentException} names {@code where}.
     */
    public static <T> T under(String where, Supplier<T> body) {
        try {
            return body.get();
        } catch (BadKeyException e) {
            throw e.under(where);
        } catch (IllegalArgumentException e) {
            if (where.isEmpty() || e.getMessage() != null && e.getMessage().startsWith("key \"" + where)) {
                throw e;
            }
            throw new IllegalArgumentException(where(where) + e.getMessage(), e);
        }
    }

    /** Runs {@code body}; an {@link IllegalArgumentException} it throws gets {@code file} in front. */
    public static <T> T inFile(Path file, Supplier<T> body) {
        return inSource(file.toString(), body);
    }

    private static <T> T inSource(String source, Supplier<T> body) {
        try {
            return body.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            if (message != null && message.startsWith(source + ": ")) {
                throw e;
            }
            throw new IllegalArgumentException(source + ": " + message, e);
        }
    }

    private IllegalArgumentException explain(JsonMappingException e, JsonNode root, String where) {
        String path = JsonPath.join(where, JsonPath.of(e.getPath()));
        if (e instanceof UnrecognizedPropertyException u) {
            TreeSet<String> known = new TreeSet<>();
            u.getKnownPropertyIds().forEach(k -> known.add(k.toString()));
            return unknownKey(path, known, e);
        }
        if (strict) {
            // Jackson reports unknown keys of a record only after building it, so a typo in a required key would
            // read as that key missing: name the unknown key instead.
            IllegalArgumentException unknown = unknownKeyOfFailedObject(e, root, where);
            if (unknown != null) {
                return unknown;
            }
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof BadKeyException b) {
                return b.under(path);
            }
            if (t instanceof IllegalArgumentException && !(t.getCause() instanceof JsonMappingException)) {
                return new IllegalArgumentException(where(path) + t.getMessage(), t);
            }
            if (t instanceof InputCoercionException c) {
                return badValue(path, c.getTargetType(), JsonPath.find(root, e.getPath()), e);
            }
        }
        if (e instanceof MismatchedInputException m) {
            JsonNode value = JsonPath.find(root, e.getPath());
            if (value == null || value.isNull()) {
                return BadKeyException.missing(path);
            }
            return badValue(path, m.getTargetType(), value, e);
        }
        return new IllegalArgumentException(where(path) + e.getOriginalMessage(), e);
    }

    /**
     * An unknown key of the object whose building failed (a record whose constructor threw, or one missing a
     * required key), or null when it has none or the object is not known.
     */
    private IllegalArgumentException unknownKeyOfFailedObject(JsonMappingException e, JsonNode root, String where) {
        List<JsonMappingException.Reference> refs = e.getPath();
        JavaType type;
        List<JsonMappingException.Reference> objectPath;
        if (e instanceof ValueInstantiationException v) {
            type = v.getType();
            objectPath = refs;
        } else if (e instanceof MismatchedInputException && !refs.isEmpty()) {
            Object from = refs.get(refs.size() - 1).getFrom();
            if (from == null) {
                return null;
            }
            type = mapper.constructType(from instanceof Class<?> c ? c : from.getClass());
            objectPath = refs.subList(0, refs.size() - 1);
        } else {
            return null;
        }
        JsonNode object = JsonPath.find(root, objectPath);
        if (object == null || !object.isObject() || type.isContainerType()) {
            return null;
        }
        Set<String> known = new TreeSet<>();
        mapper.getDeserializationConfig().introspect(type).findProperties().forEach(p -> known.add(p.getName()));
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                return unknownKey(JsonPath.join(JsonPath.join(where, JsonPath.of(objectPath)), key), known, e);
            }
        }
        return null;
    }

    private static IllegalArgumentException unknownKey(String path, Set<String> known, Exception e) {
        return new IllegalArgumentException("unknown key \"" + path + "\" (known: " + known + ")", e);
    }

    private static IllegalArgumentException badValue(String path, Class<?> target, JsonNode value, Exception e) {
        String shown = String.valueOf(value);
        if (shown.length() > MAX_SHOWN) {
            shown = shown.substring(0, MAX_SHOWN) + "...";
        }
        return new IllegalArgumentException(where(path) + "expected " + expected(target) + ", got " + shown, e);
    }

    private static String where(String path) {
        return path.isEmpty() ? "" : "key \"" + path + "\": ";
    }

    private static String expected(Class<?> t) {
        if (t == null) {
            return "another value";
        }
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class || t == short.class) {
            return "an integer";
        }
        if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
            return "a number";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "true or false";
        }
        if (t == String.class) {
            return "a string";
        }
        if (t.isArray() || Collection.class.isAssignableFrom(t)) {
            return "a list";
        }
        if (t.isEnum()) {
            return "one of " + Arrays.toString(t.getEnumConstants());
        }
        return Map.class.isAssignableFrom(t) || !t.isPrimitive() ? "an object" : t.getSimpleName();
    }
}
