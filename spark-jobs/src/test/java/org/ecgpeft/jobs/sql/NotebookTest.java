package org.ecgpeft.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NotebookTest {
    @Test
    void parsesADatabricksSourceNotebook() {
        Notebook nb = Notebook.parse(
                "x.sql",
                String.join(
                        "\n",
                        "-- Databricks notebook source",
                        "-- MAGIC %md",
                        "-- MAGIC # Example",
                        "-- MAGIC What this notebook is for.",
                        "",
                        "-- COMMAND ----------",
                        "",
                        "-- DBTITLE 1,First cell",
                        "-- Shows one.",
                        "SELECT 1 AS one;",
                        "",
                        "-- COMMAND ----------",
                        "",
                        "-- MAGIC %md",
                        "-- MAGIC ## Second, titled by markdown",
                        "-- MAGIC Documented there.",
                        "",
                        "-- COMMAND ----------",
                        "",
                        "SELECT a,",
                        "  -- inline comments stay out of the doc",
                        "  b FROM t",
                        ""));
        assertEquals("# Example\nWhat this notebook is for.", nb.header());
        assertEquals(2, nb.cells().size());
        assertEquals(
                new NotebookCell("First cell", "Shows one.", "SELECT 1 AS one", 8),
                nb.cells().get(0));
        assertEquals(
                new NotebookCell("Second, titled by markdown", "Documented there.", "SELECT a,\n  b FROM t", 20),
                nb.cells().get(1));
    }

    @Test
    void theProjectsNotebooksAreDatabricksSourceFilesWithTitledCells() throws IOException {
        Path folder = Path.of(System.getProperty("user.dir")).getParent().resolve("notebooks");
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        assertEquals(4, files.size(), files.toString());
        for (Path file : files) {
            assertTrue(Files.readAllLines(file).get(0).equals(Notebook.FIRST_LINE), file.toString());
            Notebook nb = Notebook.read(file);
            assertTrue(nb.header().startsWith("# "), file + ": " + nb.header());
            assertTrue(nb.cells().size() >= 3, file + ": " + nb.cells());
        }
    }

    @Test
    void badNotebooksAreRejectedWithFileAndLine() {
        IllegalArgumentException plain =
                assertThrows(IllegalArgumentException.class, () -> Notebook.parse("p.sql", "-- %% a\nSELECT 1"));
        assertTrue(
                plain.getMessage().startsWith("p.sql: line 1: not a Databricks notebook source file"),
                plain.getMessage());
        IllegalArgumentException empty = assertThrows(
                IllegalArgumentException.class,
                () -> Notebook.parse("e.sql", "-- Databricks notebook source\n-- MAGIC %md\n-- MAGIC # Only text\n"));
        assertTrue(empty.getMessage().startsWith("e.sql: no SQL cells"), empty.getMessage());
        IllegalArgumentException untitled = assertThrows(
                IllegalArgumentException.class,
                () -> Notebook.parse("u.sql", "-- Databricks notebook source\n\nSELECT 1\n"));
        assertEquals(
                "u.sql: line 3: a SQL cell needs a title ('-- DBTITLE 1,title' or a %md cell before it)",
                untitled.getMessage());
        IllegalArgumentException noSql = assertThrows(
                IllegalArgumentException.class,
                () -> Notebook.parse(
                        "n.sql",
                        "-- Databricks notebook source\n-- DBTITLE 1,a\nSELECT 1\n"
                                + "-- COMMAND ----------\n-- DBTITLE 1,b\n-- only a comment\n"));
        assertEquals("n.sql: line 5: cell 'b' holds no SQL statement", noSql.getMessage());
        IllegalArgumentException two = assertThrows(
                IllegalArgumentException.class,
                () -> Notebook.parse("t.sql", "-- Databricks notebook source\n-- DBTITLE 1,a\nSELECT 1; SELECT 2\n"));
        assertTrue(two.getMessage().contains("more than one statement"), two.getMessage());
        IllegalArgumentException python = assertThrows(
                IllegalArgumentException.class,
                () -> Notebook.parse("py.sql", "-- Databricks notebook source\n-- MAGIC %python\n-- MAGIC print(1)\n"));
        assertEquals(
                "py.sql: line 2: '%python' cells do not run headless (only SQL and %md cells)", python.getMessage());
    }
}
