package org.ecgpeft.jobs.sql;

/**
 * One cell of a SQL notebook.
 *
 * @param title the cell's {@code DBTITLE}, or the first line of the markdown cell before it
 * @param doc   the rest of that markdown and the cell's comment lines (what it shows and why)
 * @param sql   one Spark SQL statement, with {@code ${...}} variables not yet substituted
 * @param line  1-based first line of the cell, for error messages
 */
public record NotebookCell(String title, String doc, String sql, int line) {
    /** Validates the cell. */
    public NotebookCell {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException(
                    "line " + line + ": a SQL cell needs a title ('-- DBTITLE 1,title' or a %md cell before it)");
        }
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("line " + line + ": cell '" + title + "' holds no SQL statement");
        }
    }
}
