package org.ecgpeft.jobs.cli;

/**
 * One command-line option of a job: {@code --name METAVAR} (a value, with an optional default) or a
 * boolean flag when {@code metavar} is null.
 */
public record Opt(String name, String metavar, String defaultValue, String help) {
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
    }

    /** An option taking a value, with a default (null: none). */
    public static Opt value(String name, String metavar, String defaultValue, String help) {
        return new Opt(name, metavar, defaultValue, help);
    }

    /** A boolean flag, false unless given. */
    public static Opt flag(String name, String help) {
        return new Opt(name, null, null, help);
    }

    /** Whether this option is a flag (takes no value). */
    public boolean isFlag() {
        return metavar == null;
    }
}
