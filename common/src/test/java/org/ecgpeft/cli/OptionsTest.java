package org.ecgpeft.cli;

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
                "unknown option --windw (did you mean --window?) (see demo --help)",
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
                "plain takes no positional argument, got 'extra'",
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

    @Test
    void aHiddenAliasIsAcceptedButNeitherShownNorSuggested() throws Exception {
        Options renamed = new Options(
                "bench",
                "A renamed option.",
                null,
                List.of(Opt.value("batch-size", "N", "8", "rows per step").alias("batch"), Opt.flag("json", "JSON")));
        assertEquals(4, renamed.parse(new String[] {"--batch", "4"}).integer("batch-size"));
        assertEquals(6, renamed.parse(new String[] {"--batch=6"}).integer("batch-size"));
        assertTrue(renamed.parse(new String[] {"--batch", "4"}).given("batch-size"));
        assertFalse(renamed.usage().contains("--batch "), renamed.usage());
        assertEquals(
                "unknown option --batc (did you mean --batch-size?) (see bench --help)",
                assertThrows(UsageException.class, () -> renamed.parse(new String[] {"--batc", "4"}))
                        .getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> Opt.value("a", "N", null, "x").alias("a"));
    }

    @Test
    void aCommandsConfigFailsNamingTheOptionAndPointingAtItsHelp() throws Exception {
        Command<Integer> command = new Command<>() {
            @Override
            public String name() {
                return "demo";
            }

            @Override
            public Options options() {
                return options;
            }

            @Override
            public Integer configure(ParsedArgs args) {
                return args.integer("window", 1);
            }
        };
        assertEquals(1200, command.parse("--window", "1200").orElseThrow());
        assertTrue(command.parse("-h").isEmpty(), "--help asks for the usage, not a config");
        assertEquals(
                "option --window must be at least 1, got 0 (demo --help lists the options)",
                assertThrows(UsageException.class, () -> command.parse("--window", "0"))
                        .getMessage());
    }
}
