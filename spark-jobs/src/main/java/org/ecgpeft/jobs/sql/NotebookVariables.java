package org.ecgpeft.jobs.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;

/**
 * The {@code ${...}} variables a notebook cell may use, so time-travel queries need no hard-coded paths or
 * versions: {@code ${tables}} (the table root), {@code ${version:TABLE}} (a table's current Delta version) and
 * {@code ${previous:TABLE}} (the version before it, at least 0).
 */
final class NotebookVariables {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([a-z]+)(?::([a-z_]+))?}");

    private final Lake lake;

    NotebookVariables(Lake lake) {
        this.lake = lake;
    }

    /** The cell's SQL with every variable replaced; an unknown variable or missing table is an error naming it. */
    String substitute(NotebookCell cell) {
        Matcher m = VARIABLE.matcher(cell.sql());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(cell, m.group(1), m.group(2))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String value(NotebookCell cell, String name, String arg) {
        if (name.equals("tables") && arg == null) {
            return lake.root();
        }
        if ((name.equals("version") || name.equals("previous")) && arg != null) {
            Table table = Table.byName(arg);
            if (!lake.exists(table)) {
                throw new IllegalArgumentException("cell '" + cell.title() + "' needs table " + arg
                        + ", which does not exist at " + lake.path(table));
            }
            long v = lake.version(table);
            return Long.toString(name.equals("version") ? v : Math.max(0, v - 1));
        }
        throw new IllegalArgumentException("cell '" + cell.title() + "' (line " + cell.line() + "): unknown variable ${"
                + name + (arg == null ? "" : ":" + arg) + "} (have ${tables}, ${version:TABLE}, ${previous:TABLE})");
    }
}
