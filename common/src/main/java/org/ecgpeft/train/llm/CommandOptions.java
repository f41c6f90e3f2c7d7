package org.ecgpeft.train.llm;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** {@code --key value} and {@code --flag} arguments of one sub-command; unknown or repeated options are errors. */
final class CommandOptions {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    CommandOptions(String[] args, int from, Set<String> valueOptions, Set<String> flagOptions) {
        for (int i = from; i < args.length; i++) {
            String key = args[i];
            if (flagOptions.contains(key)) {
                flags.add(key);
            } else if (valueOptions.contains(key)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + key + " needs a value");
                }
                if (values.put(key, args[++i]) != null) {
                    throw new IllegalArgumentException("option " + key + " is given twice");
                }
            } else {
                throw new IllegalArgumentException("unknown option '" + key + "'");
            }
        }
    }

    boolean has(String key) {
        return values.containsKey(key) || flags.contains(key);
    }

    String required(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("option " + key + " is required");
        }
        return v;
    }

    String string(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    int integer(String key, int fallback) {
        String v = values.get(key);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " must be an integer, got '" + v + "'");
        }
    }

    double number(String key, double fallback) {
        String v = values.get(key);
        try {
            return v == null ? fallback : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " must be a number, got '" + v + "'");
        }
    }
}
