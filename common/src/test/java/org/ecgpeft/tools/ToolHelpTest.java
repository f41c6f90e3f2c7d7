package org.ecgpeft.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ecgpeft.cli.Tool;
import org.ecgpeft.cli.ToolMain;
import org.ecgpeft.forward.ForwardCommand;
import org.ecgpeft.model.nn.ConvBenchmark;
import org.ecgpeft.train.llm.EcgLlmAnswerCommand;
import org.ecgpeft.train.llm.EcgLlmCommand;
import org.ecgpeft.train.llm.EcgLlmTrainCommand;
import org.ecgpeft.train.mscnn.MsCnnCommand;
import org.ecgpeft.train.mscnn.MsCnnEvaluationCommand;
import org.ecgpeft.train.mscnn.MsCnnTrainingCommand;
import org.ecgpeft.train.study.Fp16CompareCommand;
import org.ecgpeft.train.study.PeftBenchmark;
import org.ecgpeft.train.study.TrainBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command-line tool answers {@code --help} (and {@code -h}) with its usage and exits 0 (its main returns
 * normally), and answers a bad command line with one line {@code error: ...} and exit 2.
 */
class ToolHelpTest {
    private static final List<Tool<?>> TOOLS = List.of(
            new ForwardCommand(),
            new ConvBenchmark(),
            new MsCnnTrainingCommand(),
            new MsCnnEvaluationCommand(),
            new EcgLlmTrainCommand(),
            new EcgLlmAnswerCommand(),
            new Fp16CompareCommand(),
            new TrainBenchmark(),
            new PeftBenchmark());

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ToolMain main = new ToolMain(
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    /** A tool's main method. */
    private interface Main {
        void run(String[] args) throws Exception;
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void everyToolPrintsItsUsageAndExitsZero(String flag) throws Exception {
        for (Tool<?> tool : TOOLS) {
            out.reset();
            assertEquals(0, main.run(tool, new String[] {flag}), tool.name());
            String text = out.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("usage: " + tool.name() + " [options]"), text);
            assertTrue(text.contains("--help"), text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void everyMainMethodReturnsNormallyOnHelp(String flag) throws Exception {
        Main[] mains = {
            ForwardCommand::main,
            ConvBenchmark::main,
            MsCnnCommand::main,
            EcgLlmCommand::main,
            Fp16CompareCommand::main,
            TrainBenchmark::main,
            PeftBenchmark::main
        };
        for (Main m : mains) {
            assertTrue(stdout(m, flag).startsWith("usage: "), m + " " + flag);
        }
        assertTrue(stdout(MsCnnCommand::main, "train", flag).startsWith("usage: mscnn train [options]"));
        assertTrue(stdout(MsCnnCommand::main, "eval", flag).startsWith("usage: mscnn eval [options]"));
        assertTrue(stdout(EcgLlmCommand::main, "train", flag).startsWith("usage: ecg-llm train [options]"));
        assertTrue(stdout(EcgLlmCommand::main, "answer", flag).startsWith("usage: ecg-llm answer [options]"));
    }

    @Test
    void aToolWithSubcommandsListsThemAndSuggestsTheNearestForATypo() throws Exception {
        List<Tool<?>> mscnn = List.of(new MsCnnTrainingCommand(), new MsCnnEvaluationCommand());
        assertEquals(0, main.run("mscnn", "The MS-CNN.", mscnn, new String[] {"--help"}));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("usage: mscnn <command> [options]"), text);
        assertTrue(text.contains("  train  Train the MS-CNN encoder"), text);
        assertTrue(text.contains("  eval   Re-score a saved MS-CNN checkpoint"), text);
        assertEquals(2, main.run("mscnn", "The MS-CNN.", mscnn, new String[] {"trian", "--epochs", "2"}));
        assertEquals(
                List.of("error: unknown mscnn command 'trian' (did you mean train?) (see mscnn --help)"),
                err.toString(StandardCharsets.UTF_8).lines().toList());
        err.reset();
        assertEquals(2, main.run("mscnn", "The MS-CNN.", mscnn, new String[0]));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: mscnn"), "no command: the usage, exit 2");
    }

    @Test
    void aBadCommandLineIsOneErrorLineAndExitTwoInEveryToolFamily() throws Exception {
        assertError(
                new ForwardCommand(),
                "error: unknown option --outptu (did you mean --out?) (see forward --help)",
                "--outptu",
                "x");
        assertError(
                new MsCnnTrainingCommand(),
                "error: option --eval-batch-size: 'many' is not an integer (mscnn train --help lists the options)",
                "--wfdb",
                "w",
                "--out",
                "o",
                "--eval-batch-size",
                "many");
        assertError(
                new EcgLlmAnswerCommand(),
                "error: option --checkpoint is required (ecg-llm answer --help lists the options)",
                "--features",
                "f");
        assertError(
                new PeftBenchmark(),
                "error: --models: unknown model 'bert' (known: [wav2vec2, hubert, ecgfm, mscnn])"
                        + " (bench-peft --help lists the options)",
                "--models",
                "wav2vec2,bert");
        assertError(
                new ConvBenchmark(),
                "error: bench-conv takes no positional argument, got '4' (bench-conv --help lists the options)",
                "4");
        assertError(
                new Fp16CompareCommand(),
                "error: unknown option --vocabulary (did you mean --vocab?) (see bench-fp16 --help)",
                "--vocabulary",
                "1000");
    }

    @Test
    void aUserErrorWhileRunningIsOneLineAndExitOne() throws Exception {
        assertEquals(1, main.run(new PeftBenchmark(), new String[] {"--plan", "no/such/plan.json"}));
        assertEquals(
                List.of("error: bench-peft: no plan file no/such/plan.json (run from the repository root or pass"
                        + " --plan)"),
                err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    private void assertError(Tool<?> tool, String expected, String... args) throws Exception {
        err.reset();
        assertEquals(2, main.run(tool, args), tool.name());
        assertEquals(
                List.of(expected), err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    private static String stdout(Main tool, String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            tool.run(args);
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
