package org.ecgpeft.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The options of one job or tool: parses them with picocli (the one command-line library of the project), rejects
 * unknown or incomplete options with a message naming them (and the likely intended one), and renders the command's
 * {@code --help} text.
 */
public final class Options {
    private final String command;
    private final String summary;
    private final String positional;
    private final Map<String, Opt> byName = new LinkedHashMap<>();
    /** Every accepted spelling (names and hidden aliases) to its option. */
    private final Map<String, Opt> bySpelling = new LinkedHashMap<>();

    /**
     * @param command    the command as typed ({@code ingest}, {@code mscnn train})
     * @param summary    one line saying what the command does
     * @param positional name of the positional arguments shown in the usage (null: none accepted)
     * @param opts       the command's options ({@code --help} is always added)
     */
    public Options(String command, String summary, String positional, List<Opt> opts) {
        this.command = command;
        this.summary = summary;
        this.positional = positional;
        for (Opt o : opts) {
            byName.put(o.name(), o);
            for (String spelling : spellings(o)) {
                if (bySpelling.put(spelling, o) != null) {
                    throw new IllegalArgumentException("option --" + spelling + " declared twice for " + command);
                }
            }
        }
    }

    /** One line saying what the command does. */
    public String summary() {
        return summary;
    }

    /** The declared options, in the order of the help. */
    public List<Opt> declared() {
        return List.copyOf(byName.values());
    }

    /**
     * Parses a command's arguments (everything after the command's name) with picocli: {@code --name value},
     * {@code --name=value}, flags, positionals anywhere, {@code @file} arguments read from a file (one argument per
     * line, picocli's quoting rules), and for a mistyped option the closest names as a suggestion.
     */
    public ParsedArgs parse(String[] args) throws UsageException {
        for (String a : args) {
            // picocli would read "--flag=yes" as a boolean's value; a flag here takes none.
            int eq = a.indexOf('=');
            Opt named = a.startsWith("--") && eq > 2 ? bySpelling.get(a.substring(2, eq)) : null;
            if (named != null && named.isFlag()) {
                throw new UsageException("flag --" + named.name() + " takes no value");
            }
        }
        CommandLine cli = new CommandLine(spec());
        // A later value of the same option wins, as a shell user setting a default and then overriding it expects.
        cli.setOverwrittenOptionsAllowed(true);
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (ParameterException e) {
            throw new UsageException(message(e));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Opt o : byName.values()) {
            OptionSpec matched = parsed.matchedOption("--" + o.name());
            if (matched != null) {
                values.put(o.name(), o.isFlag() ? "true" : matched.getValue());
            }
        }
        List<String> positionals = new ArrayList<>();
        cli.getCommandSpec().positionalParameters().forEach(p -> positionals.addAll(p.stringValues()));
        return new ParsedArgs(byName, values, positionals, parsed.isUsageHelpRequested());
    }

    private CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name(command);
        for (Opt o : byName.values()) {
            OptionSpec.Builder b = OptionSpec.builder(
                            spellings(o).stream().map(n -> "--" + n).toArray(String[]::new))
                    .description(o.help());
            spec.addOption(
                    o.isFlag()
                            ? b.arity("0").type(boolean.class).build()
                            : b.arity("1")
                                    .paramLabel(o.metavar())
                                    .type(String.class)
                                    .build());
        }
        spec.addOption(OptionSpec.builder("--help", "-h")
                .usageHelp(true)
                .description("show this help")
                .build());
        if (positional != null) {
            spec.addPositional(PositionalParamSpec.builder()
                    .paramLabel(positional)
                    .index("0..*")
                    .arity("0..*")
                    .type(String.class)
                    .build());
        }
        return spec;
    }

    /** picocli's error in this project's words, naming the option and the command. */
    private String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u) {
            String first = u.getUnmatched().get(0);
            if (!first.startsWith("-")) {
                return command + " takes no positional argument, got '" + first + "'";
            }
            String name = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
            // A hidden alias is suggested by its current name.
            List<String> suggestions = u.getSuggestions().stream()
                    .map(s -> bySpelling.containsKey(s.substring(2))
                            ? "--" + bySpelling.get(s.substring(2)).name()
                            : s)
                    .distinct()
                    .toList();
            return "unknown option " + name
                    + (suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)")
                    + " (see " + command + " --help)";
        }
        ArgSpec arg =
                e instanceof MissingParameterException m && !m.getMissing().isEmpty()
                        ? m.getMissing().get(0)
                        : e.getArgSpec();
        if (arg instanceof OptionSpec o) {
            String name = o.longestName();
            Opt opt = bySpelling.get(name.substring(2));
            if (e instanceof MissingParameterException && opt != null) {
                return "option " + name + " needs a value (" + opt.metavar() + ")";
            }
        }
        return e.getMessage() + " (see " + command + " --help)";
    }

    /** The {@code --help} text: usage line, summary and every option with its default (aliases are not shown). */
    public String usage() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: ").append(command).append(" [options]");
        if (positional != null) {
            sb.append(' ').append(positional);
        }
        sb.append("\n\n").append(summary).append("\n\noptions:\n");
        int width =
                byName.values().stream().mapToInt(o -> label(o).length()).max().orElse(0);
        for (Opt o : byName.values()) {
            sb.append("  ")
                    .append(String.format("%-" + width + "s", label(o)))
                    .append("  ")
                    .append(o.help());
            if (o.defaultValue() != null) {
                sb.append(" (default ").append(o.defaultValue()).append(')');
            }
            sb.append('\n');
        }
        sb.append("  ").append(String.format("%-" + width + "s", "--help")).append("  show this help\n");
        return sb.toString();
    }

    private static List<String> spellings(Opt o) {
        List<String> all = new ArrayList<>();
        all.add(o.name());
        all.addAll(o.aliases());
        return all;
    }

    private static String label(Opt o) {
        return o.isFlag() ? "--" + o.name() : "--" + o.name() + " " + o.metavar();
    }
}
