package org.ecgpeft.jobs.sql;

/**
 * One cell of a SQL notebook.
 *
 * @param title the text after {@code -- %%}
 * @param doc   the cell's comment lines (what it shows and why), without the {@code --}
 * @param sql   one Spark SQL statement, with {@code ${...}} variables not yet substituted
 * @param line  1-based line of the cell's {@code -- %%} separator, for error messages
 */
public record NotebookCell(String title, String doc, String sql, int line) {
  /** Validates the cell. */
  public NotebookCell {
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("line " + line + ": a cell needs a title after '-- %%'");
    }
    if (sql == null || sql.isBlank()) {
      throw new IllegalArgumentException("line " + line + ": cell '" + title + "' holds no SQL statement");
    }
  }
}
