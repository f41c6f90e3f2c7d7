package org.ecgpeft.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NotebookTest {
  @Test
  void parsesHeaderCellsDocsAndStatements() {
    Notebook nb = Notebook.parse("x.sql", String.join("\n",
        "-- What this notebook is for.",
        "",
        "-- %% First cell",
        "-- Shows one.",
        "SELECT 1 AS one;",
        "",
        "-- %%   Second  ",
        "SELECT a,",
        "  -- inline comments stay out of the doc",
        "  b FROM t",
        ""));
    assertEquals("What this notebook is for.", nb.header());
    assertEquals(2, nb.cells().size());
    assertEquals(new NotebookCell("First cell", "Shows one.", "SELECT 1 AS one", 3), nb.cells().get(0));
    assertEquals("Second", nb.cells().get(1).title());
    assertEquals("SELECT a,\n  b FROM t", nb.cells().get(1).sql());
    assertEquals(7, nb.cells().get(1).line());
  }

  @Test
  void badNotebooksAreRejectedWithFileAndLine() {
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> Notebook.parse("e.sql", "SELECT 1"));
    assertTrue(empty.getMessage().startsWith("e.sql: no cells"), empty.getMessage());
    IllegalArgumentException noSql = assertThrows(IllegalArgumentException.class,
        () -> Notebook.parse("n.sql", "-- %% a\nSELECT 1\n-- %% b\n-- only a comment\n"));
    assertEquals("n.sql: line 3: cell 'b' holds no SQL statement", noSql.getMessage());
    IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
        () -> Notebook.parse("t.sql", "-- %% a\nSELECT 1; SELECT 2\n"));
    assertTrue(two.getMessage().contains("more than one statement"), two.getMessage());
  }
}
