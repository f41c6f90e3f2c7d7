package org.ecgpeft.train.mscnn;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** A small {@code --key value} / {@code --flag} parser for the training commands; errors name the option. */
public final class CommandLine {

    private CommandLine() {}

    /** Option to value ({@code "true"} for a flag); unknown, duplicate or value-less options fail. */
    public static Map<String, String> parse(String[] args, Collection<String> valued, Collection<String> flags) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            String value;
            if (flags.contains(key)) {
                value = "true";
            } else if (valued.contains(key)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(key + " needs a value");
                }
                value = args[++i];
            } else {
                throw new IllegalArgumentException("unknown option '" + key + "'");
            }
            if (values.put(key, value) != null) {
                throw new IllegalArgumentException(key + " given twice");
            }
        }
        return values;
    }

    public static void require(Map<String, String> values, String... keys) {
        for (String key : keys) {
            String v = values.get(key);
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(key + " is required");
            }
        }
    }

    public static int integer(Map<String, String> values, String key, int fallback) {
        String v = values.get(key);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
        }
    }

    public static double real(Map<String, String> values, String key, double fallback) {
        String v = values.get(key);
        try {
            return v == null ? fallback : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + v + "'");
        }
    }
}
