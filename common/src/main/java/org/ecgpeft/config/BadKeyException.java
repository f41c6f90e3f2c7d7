package org.ecgpeft.config;

/**
 * A config value that is missing or invalid, with the key it belongs to. A config record's compact
 * constructor throws it with the key relative to the record; {@link Json} prefixes the JSON path of the record
 * and the file, so the user reads {@code plan.json: key "trainer.epochs": must be positive, got 0}.
 */
public final class BadKeyException extends IllegalArgumentException {

    private final String key;
    private final String problem;
    private final boolean missing;

    private BadKeyException(String key, String problem, boolean missing, Throwable cause) {
        super(describe(key, problem, missing), cause);
        this.key = key;
        this.problem = problem;
        this.missing = missing;
    }

    /** {@code key} holds a bad value; {@code problem} says what is wrong, e.g. "must be positive, got 0". */
    public static BadKeyException of(String key, String problem) {
        return new BadKeyException(key, problem, false, null);
    }

    /** As {@link #of(String, String)}, keeping the exception that found the problem. */
    public static BadKeyException of(String key, String problem, Throwable cause) {
        return new BadKeyException(key, problem, false, cause);
    }

    /** A required key that is absent (or JSON null). */
    public static BadKeyException missing(String key) {
        return new BadKeyException(key, null, true, null);
    }

    /** {@code value}, or a {@link #missing} error naming {@code key} when it is null. */
    public static <T> T required(T value, String key) {
        if (value == null) {
            throw missing(key);
        }
        return value;
    }

    /** The key, relative to the record that threw it. */
    public String key() {
        return key;
    }

    /** This error with {@code prefix} (the JSON path of the record holding the key) before the key. */
    public BadKeyException under(String prefix) {
        return new BadKeyException(JsonPath.join(prefix, key), problem, missing, getCause());
    }

    private static String describe(String key, String problem, boolean missing) {
        if (missing) {
            return "missing key \"" + key + "\"";
        }
        return key.isEmpty() ? problem : "key \"" + key + "\": " + problem;
    }
}
