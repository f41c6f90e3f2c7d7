package org.ecgpeft.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of the Spark-free tools, with the jobs' conventions: {@code --help} or {@code -h} prints the usage
 * and exits 0; a bad command line prints one line {@code error: ...} and exits 2; a user error while running (a
 * missing file, bad input; see {@link UserErrors}) prints one line {@code error: <tool>: ...} and exits 1; any other
 * failure propagates with its stack trace. A tool with subcommands ({@code mscnn train|eval}) takes the subcommand
 * as its first argument.
 */
public final class ToolMain {
    private final PrintStream out;
    private final PrintStream err;

    /** An entry point printing help to {@code out} and errors to {@code err}. */
    public ToolMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs one tool and exits with its status when that is not 0 (help and success return normally). */
    public static void main(Tool<?> tool, String[] args) throws Exception {
        exitOnFailure(new ToolMain(System.out, System.err).run(tool, args));
    }

    /** Runs the subcommand {@code args[0]} of {@code program}; exits as {@link #main(Tool, String[])}. */
    public static void main(String program, String summary, List<Tool<?>> subcommands, String[] args) throws Exception {
        exitOnFailure(new ToolMain(System.out, System.err).run(program, summary, subcommands, args));
    }

    private static void exitOnFailure(int status) {
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs {@code tool} on {@code args}; returns the exit status. */
    public <C> int run(Tool<C> tool, String[] args) throws Exception {
        Optional<C> config;
        try {
            config = tool.parse(args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (config.isEmpty()) {
            out.print(tool.options().usage());
            return 0;
        }
        try {
            tool.run(config.get());
            return 0;
        } catch (Exception e) {
            Optional<String> userError = UserErrors.message(e);
            if (userError.isEmpty()) {
                throw e;
            }
            err.println("error: " + tool.name() + ": " + userError.get());
            return 1;
        }
    }

    /** Runs the subcommand named by {@code args[0]} (each tool is named {@code program sub}); returns the status. */
    public int run(String program, String summary, List<Tool<?>> subcommands, String[] args) throws Exception {
        Map<String, Tool<?>> byName = new LinkedHashMap<>();
        for (Tool<?> t : subcommands) {
            if (!t.name().startsWith(program + " ")) {
                throw new IllegalArgumentException("subcommand " + t.name() + " is not one of " + program);
            }
            byName.put(t.name().substring(program.length() + 1), t);
        }
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).print(usage(program, summary, byName));
            return args.length == 0 ? 2 : 0;
        }
        Tool<?> tool = byName.get(args[0]);
        if (tool == null) {
            err.println("error: " + unknown(program, args[0], byName) + " (see " + program + " --help)");
            return 2;
        }
        return run(tool, Arrays.copyOfRange(args, 1, args.length));
    }

    /** The error for an unknown subcommand, with picocli's suggestion of the closest one. */
    private static String unknown(String program, String given, Map<String, Tool<?>> byName) {
        CommandSpec spec = CommandSpec.create().name(program);
        byName.keySet().forEach(n -> spec.addSubcommand(n, CommandSpec.create().name(n)));
        List<String> suggestions = List.of();
        try {
            new CommandLine(spec).parseArgs(given);
        } catch (UnmatchedArgumentException e) {
            suggestions = e.getSuggestions();
        } catch (ParameterException e) {
            // an unknown option where a subcommand belongs: no suggestion
        }
        return "unknown " + program + " command '" + given + "'"
                + (suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)");
    }

    private static String usage(String program, String summary, Map<String, Tool<?>> byName) {
        StringBuilder sb = new StringBuilder("usage: " + program + " <command> [options]   (" + program
                + " <command> --help for its options)\n\n" + summary + "\n\ncommands:\n");
        int width = byName.keySet().stream().mapToInt(String::length).max().orElse(0);
        byName.forEach((name, tool) -> sb.append("  ")
                .append(String.format("%-" + width + "s", name))
                .append("  ")
                .append(tool.options().summary())
                .append('\n'));
        return sb.toString();
    }
}
