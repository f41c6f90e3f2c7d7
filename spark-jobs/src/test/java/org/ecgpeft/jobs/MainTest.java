package org.ecgpeft.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.cli.UserErrors;
import org.ecgpeft.jobs.cli.Job;
import org.ecgpeft.lake.SparkSessions;
import org.junit.jupiter.api.Test;

/** Command-line handling, and how errors of a running job are printed. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Main main = new Main(
            Main.defaultJobs(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listsJobs() {
        assertEquals(0, main.run(new String[] {"--help"}));
        String text = out.toString(StandardCharsets.UTF_8);
        for (String job : new String[] {
            "ingest",
            "preprocess",
            "train",
            "evaluate",
            "reevaluate",
            "report",
            "sql",
            "notebook",
            "maintain",
            "bench-ingest"
        }) {
            assertTrue(text.contains("  " + job + " "), text);
        }
    }

    @Test
    void unknownJobIsAUsageError() {
        assertEquals(2, main.run(new String[] {"ingets"}));
        assertTrue(err().startsWith("error: unknown job 'ingets'"), err());
    }

    @Test
    void aRenamedJobNamesItsNewName() {
        assertEquals(2, main.run(new String[] {"train-encoder", "--epochs", "2"}));
        assertEquals("error: the job 'train-encoder' is now called 'train-mscnn'\n", err());
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

    @Test
    void aBadOptionIsOneLine() {
        assertEquals(2, main.run(new String[] {"preprocess", "--nope", "1"}));
        assertEquals(
                List.of("error: unknown option --nope (did you mean --norm?) (see preprocess --help)"),
                err().lines().toList());
        err.reset();
        assertEquals(2, main.run(new String[] {"preprocess", "--norm", "minmax"}));
        assertEquals(
                List.of("error: --norm must be per-segment or global, got 'minmax' (preprocess --help lists the "
                        + "options)"),
                err().lines().toList());
    }

    /** A job that fails as {@code failure} says, run in a small local session. */
    private Main failing(RuntimeException failure) {
        Job<String> job = new Job<>() {
            @Override
            public String name() {
                return "fail";
            }

            @Override
            public Options options() {
                return new Options("fail", "fails", null, List.of());
            }

            @Override
            public String configure(ParsedArgs args) {
                return "";
            }

            @Override
            public void run(SparkSession spark, String config) {
                throw failure;
            }
        };
        return new Main(
                List.of(job),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                name -> SparkSessions.local(name, 1, 1));
    }

    @Test
    void aUserErrorWhileRunningIsOneLineUnlessVerbose() {
        IllegalStateException missing = new IllegalStateException("table ecg_records does not exist at /x\n(more)");
        assertEquals(1, failing(missing).run(new String[] {"fail"}));
        assertEquals(
                List.of("error: fail: table ecg_records does not exist at /x"),
                err().lines().toList());
        err.reset();
        assertEquals(1, failing(missing).run(new String[] {"fail", "--verbose"}));
        assertTrue(
                err().startsWith("error: fail: table ecg_records does not exist at /x\n"
                        + "java.lang.IllegalStateException: table ecg_records"),
                err());
        assertTrue(err().contains("\tat org.ecgpeft.jobs.MainTest"), err());
    }

    @Test
    void aFailureOfThePipelineIsNotPassedOffAsAUserError() {
        // raised outside the pipeline's code: logged with its stack trace, not printed as "error: ..."
        RuntimeException bug = assertThrows(NullPointerException.class, () -> List.of((Object) null));
        assertEquals(1, failing(bug).run(new String[] {"fail"}));
        assertFalse(err().contains("error:"), err());
        assertEquals(Optional.empty(), UserErrors.message(bug));
        assertEquals(
                Optional.of("x.csv is missing"),
                UserErrors.message(
                        new RuntimeException("wrapped", new java.io.FileNotFoundException("x.csv is missing"))));
    }
}
