package org.ecgpeft.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.ecgpeft.forward.ForwardCommand;
import org.ecgpeft.model.nn.ConvBenchmark;
import org.ecgpeft.train.llm.EcgLlmCommand;
import org.ecgpeft.train.mscnn.MsCnnCommand;
import org.ecgpeft.train.mscnn.MsCnnEvaluationCommand;
import org.ecgpeft.train.mscnn.MsCnnTrainingCommand;
import org.ecgpeft.train.study.Fp16CompareCommand;
import org.ecgpeft.train.study.PeftBenchmark;
import org.ecgpeft.train.study.TrainBenchmark;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command-line tool answers {@code --help} (and {@code -h}) with its usage and returns normally (exit 0). */
class ToolHelpTest {
    /** A tool's main method. */
    private interface Main {
        void run(String[] args) throws Exception;
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void everyToolPrintsItsUsage(String flag) throws Exception {
        Main[] tools = {
            ForwardCommand::main,
            ConvBenchmark::main,
            MsCnnCommand::main,
            MsCnnTrainingCommand::main,
            MsCnnEvaluationCommand::main,
            EcgLlmCommand::main,
            Fp16CompareCommand::main,
            TrainBenchmark::main,
            PeftBenchmark::main
        };
        for (Main tool : tools) {
            String out = stdout(tool, flag);
            assertTrue(out.toLowerCase().contains("usage"), tool + " " + flag + " printed: " + out);
        }
    }

    private static String stdout(Main tool, String flag) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            tool.run(new String[] {flag});
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
