package org.ecgpeft.jobs.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQL notebook: a {@code .sql} file of documented cells, each introduced by a {@code -- %% title} line.
 * Comment lines ({@code --}) before a cell's SQL document it; the header before the first cell documents the
 * notebook. Each cell holds exactly one statement (a trailing {@code ;} is optional), so every result can be
 * shown on its own.
 *
 * @param name   the notebook's file name
 * @param header the documentation before the first cell
 * @param cells  the cells in order
 */
public record Notebook(String name, String header, List<NotebookCell> cells) {
  static final String SEPARATOR = "-- %%";

  /** Copies the cells; a notebook without cells is an error. */
  public Notebook {
    cells = List.copyOf(cells);
    if (cells.isEmpty()) {
      throw new IllegalArgumentException(name + ": no cells (each starts with a '" + SEPARATOR + " title' line)");
    }
  }

  /** Reads and parses a notebook file. */
  public static Notebook read(Path file) throws IOException {
    return parse(file.getFileName().toString(), Files.readString(file));
  }

  /** Parses notebook text; errors name the notebook and the line. */
  public static Notebook parse(String name, String text) {
    StringBuilder header = new StringBuilder();
    List<NotebookCell> cells = new ArrayList<>();
    String title = null;
    int start = 0;
    StringBuilder doc = new StringBuilder();
    StringBuilder sql = new StringBuilder();
    String[] lines = text.split("\r?\n", -1);
    try {
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i];
        String trimmed = line.strip();
        if (trimmed.startsWith(SEPARATOR)) {
          if (title != null) {
            cells.add(cell(title, doc, sql, start));
          }
          title = trimmed.substring(SEPARATOR.length()).strip();
          start = i + 1;
          doc.setLength(0);
          sql.setLength(0);
        } else if (title == null) {
          header.append(comment(trimmed)).append('\n');
        } else if (trimmed.startsWith("--") && sql.isEmpty()) {
          doc.append(comment(trimmed)).append('\n');
        } else if (!trimmed.isEmpty() && !trimmed.startsWith("--")) {
          sql.append(line).append('\n');
        }
      }
      if (title != null) {
        cells.add(cell(title, doc, sql, start));
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
    return new Notebook(name, header.toString().strip(), cells);
  }

  private static NotebookCell cell(String title, StringBuilder doc, StringBuilder sql, int line) {
    String statement = sql.toString().strip();
    if (statement.endsWith(";")) {
      statement = statement.substring(0, statement.length() - 1).strip();
    }
    if (statement.contains(";")) {
      // A ';' inside a string literal would be rejected too; notebooks keep one plain statement per cell.
      throw new IllegalArgumentException("line " + line + ": cell '" + title + "' holds more than one statement");
    }
    return new NotebookCell(title, doc.toString().strip(), statement, line);
  }

  private static String comment(String trimmed) {
    return trimmed.startsWith("--") ? trimmed.substring(2).strip() : trimmed;
  }
}
