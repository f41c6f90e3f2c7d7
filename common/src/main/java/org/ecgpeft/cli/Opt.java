package org.ecgpeft.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * One command-line option of a job or tool: {@code --name METAVAR} (a value, with an optional default) or a boolean
 * flag when {@code metavar} is null. {@code aliases} are older spellings still accepted but not shown in the help,
 * kept only where a script in the repository or the README used them.
 */
public record Opt(String name, String metavar, String defaultValue, String help, List<String> aliases) {
    /** Validates the option's declaration. */
    public Opt {
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("option name must be lower-case kebab, got '" + name + "'");
        }
        if (help == null || help.isBlank()) {
            throw new IllegalArgumentException("option --" + name + " needs a help text");
        }
        if (metavar == null && defaultValue != null) {
            throw new IllegalArgumentException("flag --" + name + " cannot have a default value");
        }
        for (String alias : aliases) {
            if (!alias.matches("[a-z][a-z0-9-]*") || alias.equals(name)) {
                throw new IllegalArgumentException("bad alias '" + alias + "' of option --" + name);
            }
        }
        aliases = List.copyOf(aliases);
    }

    /** An option taking a value, with a default (null: none). */
    public static Opt value(String name, String metavar, String defaultValue, String help) {
        return new Opt(name, metavar, defaultValue, help, List.of());
    }

    /** A boolean flag, false unless given. */
    public static Opt flag(String name, String help) {
        return new Opt(name, null, null, help, List.of());
    }

    /** This option, also accepting {@code --old} (hidden from the help) for command lines written before a rename. */
    public Opt alias(String old) {
        List<String> all = new ArrayList<>(aliases);
        all.add(old);
        return new Opt(name, metavar, defaultValue, help, all);
    }

    /** Whether this option is a flag (takes no value). */
    public boolean isFlag() {
        return metavar == null;
    }
}
