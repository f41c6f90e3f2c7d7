package org.ecgpeft.jobs.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A SQL notebook in the Databricks source format, which Databricks and other tools import: the first line is
 * {@code -- Databricks notebook source}, cells are separated by {@code -- COMMAND ----------} lines, a SQL cell
 * may carry its title as {@code -- DBTITLE 1,title}, and a markdown cell is a run of {@code -- MAGIC} lines
 * starting with {@code %md}.
 *
 * <p>Headless, each SQL cell runs exactly one statement (a trailing {@code ;} is optional), so every result can
 * be shown on its own. Its title is its {@code DBTITLE}, else the first line of the markdown cell just before it
 * (without the {@code #}s), whose other lines document it, as do the comment lines ({@code --}) before its
 * SQL. Markdown cells before the first SQL cell that open with a level-1 heading ({@code # }) are the
 * notebook's header. Other magics ({@code %python}, {@code %sh}, ...) do not run headless and are an error.
 *
 * @param name   the notebook's file name
 * @param header the header's markdown
 * @param cells  the SQL cells in order
 */
public record Notebook(String name, String header, List<NotebookCell> cells) {
    static final String FIRST_LINE = "-- Databricks notebook source";
    private static final Pattern COMMAND = Pattern.compile("-- COMMAND -{10}\\s*");
    private static final String MAGIC = "-- MAGIC";
    private static final String TITLE = "-- DBTITLE 1,";
    private static final String MARKDOWN = "%md";

    /** Copies the cells; a notebook without SQL cells is an error. */
    public Notebook {
        cells = List.copyOf(cells);
        if (cells.isEmpty()) {
            throw new IllegalArgumentException(
                    name + ": no SQL cells (cells are separated by '-- COMMAND ----------')");
        }
    }

    /** Reads and parses a notebook file. */
    public static Notebook read(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readString(file));
    }

    /** Parses notebook text; errors name the notebook and the line. */
    public static Notebook parse(String name, String text) {
        String[] lines = text.split("\r?\n", -1);
        Parser parser = new Parser();
        try {
            if (!lines[0].strip().equals(FIRST_LINE)) {
                throw new IllegalArgumentException(
                        "line 1: not a Databricks notebook source file (the first line must be '" + FIRST_LINE + "')");
            }
            int start = 1;
            for (int i = 1; i <= lines.length; i++) {
                if (i == lines.length || COMMAND.matcher(lines[i].strip()).matches()) {
                    parser.cell(lines, start, i);
                    start = i + 1;
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
        return new Notebook(name, parser.header.toString().strip(), parser.cells);
    }

    /** The state while reading cells in order: the header so far and the markdown waiting for its SQL cell. */
    private static final class Parser {
        final StringBuilder header = new StringBuilder();
        final List<NotebookCell> cells = new ArrayList<>();
        private List<String> pendingMarkdown = List.of();

        /** Lines {@code from} (inclusive) to {@code to} (exclusive), 0-based, are one cell. */
        void cell(String[] lines, int from, int to) {
            int first = from;
            while (first < to && lines[first].isBlank()) {
                first++;
            }
            if (first == to) {
                return;
            }
            if (lines[first].strip().startsWith(MAGIC)) {
                markdown(lines, first, to);
            } else {
                sql(lines, first, to);
            }
        }

        private void markdown(String[] lines, int first, int to) {
            List<String> text = new ArrayList<>();
            for (int i = first; i < to; i++) {
                String line = lines[i].strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (!line.startsWith(MAGIC)) {
                    throw new IllegalArgumentException(
                            "line " + (i + 1) + ": a '" + MAGIC + "' cell holds a line without it");
                }
                text.add(line.substring(MAGIC.length()).strip());
            }
            if (!text.get(0).startsWith(MARKDOWN)) {
                throw new IllegalArgumentException("line " + (first + 1) + ": '" + text.get(0)
                        + "' cells do not run headless (only SQL and %md cells)");
            }
            text.set(0, text.get(0).substring(MARKDOWN.length()).strip());
            if (text.get(0).isEmpty()) {
                text.remove(0);
            }
            if (cells.isEmpty() && !text.isEmpty() && text.get(0).startsWith("# ")) {
                header.append(String.join("\n", text)).append("\n\n");
            } else {
                pendingMarkdown = text;
            }
        }

        private void sql(String[] lines, int first, int to) {
            String title = null;
            List<String> doc = new ArrayList<>();
            if (!pendingMarkdown.isEmpty()) {
                title = pendingMarkdown.get(0).replaceFirst("^#+", "").strip();
                doc.addAll(pendingMarkdown.subList(1, pendingMarkdown.size()));
            }
            pendingMarkdown = List.of();
            StringBuilder sql = new StringBuilder();
            for (int i = first; i < to; i++) {
                String line = lines[i];
                String trimmed = line.strip();
                if (trimmed.startsWith(TITLE)) {
                    title = trimmed.substring(TITLE.length()).strip();
                } else if (trimmed.startsWith(MAGIC)) {
                    throw new IllegalArgumentException(
                            "line " + (i + 1) + ": a '" + MAGIC + "' line inside a SQL cell");
                } else if (trimmed.startsWith("--") && sql.isEmpty()) {
                    doc.add(trimmed.substring(2).strip());
                } else if (!trimmed.isEmpty() && !trimmed.startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            cells.add(cell(title, String.join("\n", doc).strip(), sql, first + 1));
        }

        private static NotebookCell cell(String title, String doc, StringBuilder sql, int line) {
            String statement = sql.toString().strip();
            if (statement.endsWith(";")) {
                statement = statement.substring(0, statement.length() - 1).strip();
            }
            if (statement.contains(";")) {
                // A ';' inside a string literal would be rejected too; notebooks keep one plain statement per cell.
                throw new IllegalArgumentException(
                        "line " + line + ": cell '" + title + "' holds more than one statement");
            }
            return new NotebookCell(title, doc, statement, line);
        }
    }
}
