package org.ecgpeft.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parsed arguments of one job or tool. Typed getters fall back to the option's default and fail with an
 * {@link IllegalArgumentException} naming the option when a value does not parse.
 */
public final class ParsedArgs {
    private final Map<String, Opt> declared;
    private final Map<String, String> values;
    private final List<String> positionals;
    private final boolean help;

    ParsedArgs(Map<String, Opt> declared, Map<String, String> values, List<String> positionals, boolean help) {
        this.declared = Map.copyOf(declared);
        this.values = Map.copyOf(values);
        this.positionals = List.copyOf(positionals);
        this.help = help;
    }

    /** Whether {@code --help} was given. */
    public boolean helpRequested() {
        return help;
    }

    /** Whether the option was given explicitly (not just defaulted). */
    public boolean given(String name) {
        opt(name);
        return values.containsKey(name);
    }

    /** The option's value or its default; empty when neither exists. */
    public Optional<String> optional(String name) {
        Opt o = opt(name);
        return Optional.ofNullable(values.getOrDefault(name, o.defaultValue()));
    }

    /** The option's value or default; fails naming the option when there is none. */
    public String string(String name) {
        return optional(name).orElseThrow(() -> new IllegalArgumentException("option --" + name + " is required"));
    }

    /** The option as an int. */
    public int integer(String name) {
        String v = string(name);
        try {
            return Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + name + ": '" + v + "' is not an integer", e);
        }
    }

    /** The option as an int of at least {@code min}; a smaller one fails naming the option. */
    public int integer(String name, int min) {
        int v = integer(name);
        if (v < min) {
            throw new IllegalArgumentException("option --" + name + " must be at least " + min + ", got " + v);
        }
        return v;
    }

    /** The option as a file-system path. */
    public Path path(String name) {
        String v = string(name);
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("option --" + name + ": '" + v + "' is not a path", e);
        }
    }

    /** The option as a long. */
    public long longValue(String name) {
        String v = string(name);
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + name + ": '" + v + "' is not an integer", e);
        }
    }

    /** The option as a double. */
    public double real(String name) {
        String v = string(name);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + name + ": '" + v + "' is not a number", e);
        }
    }

    /** Whether a flag was given. */
    public boolean flag(String name) {
        if (!opt(name).isFlag()) {
            throw new IllegalStateException("--" + name + " is not a flag");
        }
        return values.containsKey(name);
    }

    /** The positional arguments, in order. */
    public List<String> positionals() {
        return positionals;
    }

    private Opt opt(String name) {
        Opt o = declared.get(name);
        if (o == null) {
            throw new IllegalStateException("option --" + name + " is not declared by this command");
        }
        return o;
    }
}
