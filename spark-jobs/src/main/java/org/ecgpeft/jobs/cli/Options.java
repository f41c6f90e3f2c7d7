package org.ecgpeft.jobs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of one job: parses {@code --name value}, {@code --name=value} and flags, rejects unknown
 * or incomplete options with a message naming them, and renders the job's {@code --help} text.
 */
public final class Options {
  private final String job;
  private final String summary;
  private final String positional;
  private final Map<String, Opt> byName = new LinkedHashMap<>();

  /**
   * @param job        the job's command name
   * @param summary    one line saying what the job does
   * @param positional name of the positional arguments shown in the usage (null: none accepted)
   * @param opts       the job's options ({@code --help} is always added)
   */
  public Options(String job, String summary, String positional, List<Opt> opts) {
    this.job = job;
    this.summary = summary;
    this.positional = positional;
    for (Opt o : opts) {
      if (byName.put(o.name(), o) != null) {
        throw new IllegalArgumentException("option --" + o.name() + " declared twice for job " + job);
      }
    }
  }

  /** One line saying what the job does. */
  public String summary() {
    return summary;
  }

  /** Parses a job's arguments (everything after the job name). */
  public ParsedArgs parse(String[] args) throws UsageException {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> positionals = new ArrayList<>();
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        help = true;
        continue;
      }
      if (!a.startsWith("--")) {
        if (positional == null) {
          throw new UsageException("job " + job + " takes no positional argument, got '" + a + "'");
        }
        positionals.add(a);
        continue;
      }
      String name = a.substring(2);
      String inline = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        inline = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      Opt opt = byName.get(name);
      if (opt == null) {
        throw new UsageException("unknown option --" + name + " for job " + job + " (see " + job + " --help)");
      }
      if (opt.isFlag()) {
        if (inline != null) {
          throw new UsageException("flag --" + name + " takes no value");
        }
        values.put(name, "true");
      } else if (inline != null) {
        values.put(name, inline);
      } else {
        if (i + 1 >= args.length) {
          throw new UsageException("option --" + name + " needs a value (" + opt.metavar() + ")");
        }
        values.put(name, args[++i]);
      }
    }
    return new ParsedArgs(byName, values, positionals, help);
  }

  /** The {@code --help} text: usage line, summary and every option with its default. */
  public String usage() {
    StringBuilder sb = new StringBuilder();
    sb.append("usage: ").append(job).append(" [options]");
    if (positional != null) {
      sb.append(' ').append(positional);
    }
    sb.append("\n\n").append(summary).append("\n\noptions:\n");
    int width = byName.values().stream().mapToInt(o -> label(o).length()).max().orElse(0);
    for (Opt o : byName.values()) {
      sb.append("  ").append(String.format("%-" + width + "s", label(o))).append("  ").append(o.help());
      if (o.defaultValue() != null) {
        sb.append(" (default ").append(o.defaultValue()).append(')');
      }
      sb.append('\n');
    }
    sb.append("  ").append(String.format("%-" + width + "s", "--help")).append("  show this help\n");
    return sb.toString();
  }

  private static String label(Opt o) {
    return o.isFlag() ? "--" + o.name() : "--" + o.name() + " " + o.metavar();
  }
}
