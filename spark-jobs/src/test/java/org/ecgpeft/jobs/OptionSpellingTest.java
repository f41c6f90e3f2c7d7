package org.ecgpeft.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ecgpeft.cli.Command;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.forward.ForwardCommand;
import org.ecgpeft.jobs.cli.Job;
import org.ecgpeft.model.nn.ConvBenchmark;
import org.ecgpeft.train.llm.EcgLlmAnswerCommand;
import org.ecgpeft.train.llm.EcgLlmTrainCommand;
import org.ecgpeft.train.mscnn.MsCnnEvaluationCommand;
import org.ecgpeft.train.mscnn.MsCnnTrainingCommand;
import org.ecgpeft.train.study.Fp16CompareCommand;
import org.ecgpeft.train.study.PeftBenchmark;
import org.ecgpeft.train.study.TrainBenchmark;
import org.junit.jupiter.api.Test;

/**
 * One command line across the jobs and the tools: every job answers {@code --help}, and no job or tool spells an
 * option the way the others no longer do (a renamed spelling may live on only as a hidden alias).
 */
class OptionSpellingTest {
    /** Retired spellings and the one every job and tool uses instead. */
    private static final Map<String, String> RETIRED = Map.of(
            "batch", "batch-size",
            "eval-batch", "eval-batch-size",
            "mscnn-batch", "mscnn-batch-size",
            "output", "out",
            "oversample", "balance oversample",
            "class-weights", "balance class-weights");

    @Test
    void everyJobAnswersHelpWithItsUsage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main main = new Main(
                Main.defaultJobs(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        for (Job<?> job : Main.defaultJobs()) {
            for (String flag : new String[] {"--help", "-h"}) {
                out.reset();
                assertEquals(0, main.run(new String[] {job.name(), flag}), job.name() + " " + flag);
                assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: " + job.name() + " [options]"));
            }
        }
    }

    @Test
    void noJobOrToolDeclaresARetiredSpelling() {
        List<Command<?>> commands = new ArrayList<>(Main.defaultJobs());
        commands.addAll(List.of(
                new ForwardCommand(),
                new ConvBenchmark(),
                new MsCnnTrainingCommand(),
                new MsCnnEvaluationCommand(),
                new EcgLlmTrainCommand(),
                new EcgLlmAnswerCommand(),
                new Fp16CompareCommand(),
                new TrainBenchmark(),
                new PeftBenchmark()));
        List<String> found = new ArrayList<>();
        for (Command<?> c : commands) {
            for (Opt o : c.options().declared()) {
                if (RETIRED.containsKey(o.name())) {
                    found.add(c.name() + " --" + o.name() + " (use --" + RETIRED.get(o.name()) + ")");
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
