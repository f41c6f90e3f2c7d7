package org.ecgpeft.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Command-line handling that fails before Spark starts. */
class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Main main = new Main(Main.defaultJobs(), new PrintStream(out, true, StandardCharsets.UTF_8),
      new PrintStream(err, true, StandardCharsets.UTF_8));

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void listsJobs() {
    assertEquals(0, main.run(new String[] {"--help"}));
    String text = out.toString(StandardCharsets.UTF_8);
    for (String job : new String[] {"ingest", "preprocess", "train", "evaluate", "reevaluate", "report", "sql",
        "notebook", "bench-ingest"}) {
      assertTrue(text.contains("  " + job + " "), text);
    }
  }

  @Test
  void unknownJobIsAUsageError() {
    assertEquals(2, main.run(new String[] {"ingets"}));
    assertTrue(err().startsWith("error: unknown job 'ingets'"), err());
  }

  @Test
  void badOptionValuesAreNamed() {
    assertEquals(2, main.run(new String[] {"preprocess", "--norm", "minmax"}));
    assertTrue(err().startsWith("error: --norm must be per-segment or global, got 'minmax'"), err());
    err.reset();
    assertEquals(2, main.run(new String[] {"preprocess", "--window", "0"}));
    assertTrue(err().startsWith("error: --window/--stride: ") && err().contains("0"), err());
    err.reset();
    assertEquals(2, main.run(new String[] {"ingest", "--synthetic", "ten"}));
    assertTrue(err().startsWith("error: option --synthetic: 'ten' is not an integer"), err());
    err.reset();
    assertEquals(2, main.run(new String[] {"sql"}));
    assertTrue(err().startsWith("error: a SQL query is required"), err());
  }

  @Test
  void evaluationReportAndNotebookOptionsAreValidatedBeforeSparkStarts() {
    assertEquals(2, main.run(new String[] {"evaluate", "--threshold", "1.5"}));
    assertTrue(err().startsWith("error: --threshold must be in [0, 1], got 1.5"), err());
    err.reset();
    assertEquals(2, main.run(new String[] {"reevaluate", "--max-attempts", "0"}));
    assertTrue(err().startsWith("error: --max-attempts must be >= 1, got 0"), err());
    err.reset();
    assertEquals(2, main.run(new String[] {"report", "--tables", "hdfs:///ecg/tables"}));
    assertTrue(err().startsWith("error: --out is required when --tables is not a local folder"), err());
    err.reset();
    assertEquals(2, main.run(new String[] {"notebook"}));
    assertTrue(err().startsWith("error: name at least one notebook file"), err());
  }

  @Test
  void jobHelpShowsItsOptions() {
    assertEquals(0, main.run(new String[] {"ingest", "--help"}));
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("usage: ingest [options]"), text);
    assertTrue(text.contains("--wfdb DIR"), text);
  }
}
