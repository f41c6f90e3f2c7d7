package org.ecgpeft.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsTest {
    private final Options options = new Options(
            "demo",
            "A demo job.",
            "QUERY",
            List.of(
                    Opt.value("window", "N", "600", "window length"),
                    Opt.value("csv", "FILE", null, "a file"),
                    Opt.flag("all", "everything")));

    @Test
    void parsesValuesDefaultsFlagsAndPositionals() throws Exception {
        ParsedArgs a = options.parse(new String[] {"--csv=x.csv", "SELECT", "--all", "1"});
        assertEquals(600, a.integer("window"));
        assertFalse(a.given("window"));
        assertEquals("x.csv", a.string("csv"));
        assertTrue(a.flag("all"));
        assertEquals(List.of("SELECT", "1"), a.positionals());
        assertEquals(2400, options.parse(new String[] {"--window", "2400"}).integer("window"));
    }

    @Test
    void errorsNameTheOption() throws Exception {
        assertEquals(
                "unknown option --windw for job demo (did you mean --window?) (see demo --help)",
                assertThrows(UsageException.class, () -> options.parse(new String[] {"--windw", "5"}))
                        .getMessage());
        assertEquals(
                "option --csv needs a value (FILE)",
                assertThrows(UsageException.class, () -> options.parse(new String[] {"--csv"}))
                        .getMessage());
        assertEquals(
                "flag --all takes no value",
                assertThrows(UsageException.class, () -> options.parse(new String[] {"--all=yes"}))
                        .getMessage());
        ParsedArgs a = options.parse(new String[] {"--window", "six"});
        assertEquals(
                "option --window: 'six' is not an integer",
                assertThrows(IllegalArgumentException.class, () -> a.integer("window"))
                        .getMessage());
        assertEquals(
                "option --csv is required",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> options.parse(new String[0]).string("csv"))
                        .getMessage());
    }

    @Test
    void argumentsComeFromAnArgFileAndALaterValueWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("demo.args");
        Files.writeString(file, "--window 1200\n--csv \"my file.csv\"\n");
        ParsedArgs a = options.parse(new String[] {"@" + file, "--window", "2400", "SELECT 1"});
        assertEquals(2400, a.integer("window"));
        assertEquals("my file.csv", a.string("csv"));
        assertEquals(List.of("SELECT 1"), a.positionals());
    }

    @Test
    void aJobWithoutPositionalsRefusesOne() {
        Options none = new Options("plain", "No positionals.", null, List.of(Opt.flag("all", "everything")));
        assertEquals(
                "job plain takes no positional argument, got 'extra'",
                assertThrows(UsageException.class, () -> none.parse(new String[] {"--all", "extra"}))
                        .getMessage());
    }

    @Test
    void helpListsEveryOptionWithItsDefault() throws Exception {
        assertTrue(options.parse(new String[] {"--help"}).helpRequested());
        assertEquals(
                String.join(
                        "\n",
                        "usage: demo [options] QUERY",
                        "",
                        "A demo job.",
                        "",
                        "options:",
                        "  --window N  window length (default 600)",
                        "  --csv FILE  a file",
                        "  --all       everything",
                        "  --help      show this help",
                        ""),
                options.usage());
    }
}
