package org.ecgpeft.jobs.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.jobs.Main;
import org.ecgpeft.train.llm.EcgFeatureSet;
import org.junit.jupiter.api.Test;

/** Command lines of the ECG-LLM study's jobs (train-mscnn, features, train-llm, answer-llm), checked before Spark starts. */
class StudyJobOptionsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Main main = new Main(
            Main.defaultJobs(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    private void assertUsageError(String expected, String... args) {
        err.reset();
        assertEquals(2, main.run(args));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("error: " + expected), text);
    }

    @Test
    void jobsAreListed() {
        assertEquals(0, main.run(new String[] {"--help"}));
        String text = out.toString(StandardCharsets.UTF_8);
        for (String job : new String[] {"train-mscnn", "features", "train-llm", "answer-llm"}) {
            assertTrue(text.contains("  " + job + " "), text);
        }
    }

    @Test
    void badValuesAreNamed() {
        assertUsageError("give exactly one of --model DIR and --tiny", "train-llm");
        assertUsageError("give exactly one of --model DIR and --tiny", "train-llm", "--tiny", "--model", "m");
        assertUsageError("--tiny needs --tokenizer DIR", "train-llm", "--tiny");
        assertUsageError("--dtype must be fp32 or fp16", "train-llm", "--model", "m", "--dtype", "bf16");
        assertUsageError("--preset must be compact or paper, got 'huge'", "train-mscnn", "--preset", "huge");
        assertUsageError("--balance must be oversample or class-weights", "train-mscnn", "--balance", "none");
        assertUsageError("--batch-size must be > 0, got 0", "features", "--batch-size", "0");
        assertUsageError(
                "--max-train-rows must be >= 0, got -1",
                "train-llm",
                "--tiny",
                "--tokenizer",
                "t",
                "--max-train-rows",
                "-1");
        assertUsageError(
                "--train-af-share must be in (0, 1) or 'natural', got 1.0",
                "train-llm",
                "--tiny",
                "--tokenizer",
                "t",
                "--train-af-share",
                "1");
        assertUsageError(
                "--train-af-share must be a number in (0, 1) or 'natural', got 'most'",
                "train-llm",
                "--train-af-share",
                "most");
        assertUsageError("--split must be train, val or test, got 'all'", "answer-llm", "--split", "all");
        assertUsageError("--dtype must be fp32 or fp16 (no bf16 in DJL), got 'bf16'", "answer-llm", "--dtype", "bf16");
        assertUsageError("--eval-batch-size must be >= 1, got 0", "answer-llm", "--eval-batch-size", "0");
    }

    @Test
    void trainRowSubsetIsSeededBalancedAndKeepsOrder() {
        int[] labels = new int[40];
        for (int i = 0; i < 6; i++) {
            labels[i * 6] = 1;
        }
        float[] features = new float[40];
        for (int i = 0; i < 40; i++) {
            features[i] = i;
        }
        EcgFeatureSet all = new EcgFeatureSet(features, 1, labels, null);
        EcgFeatureSet a = balanced(10).apply(all);
        assertEquals(10, a.size());
        assertEquals(5, java.util.Arrays.stream(a.labels()).sum(), "5 of the 6 AF rows and 5 normal ones");
        for (int i = 1; i < a.size(); i++) {
            assertTrue(a.features()[i - 1] < a.features()[i], "original order");
        }
        assertArrayEquals(a.features(), balanced(10).apply(all).features());
        assertEquals(
                6, java.util.Arrays.stream(balanced(20).apply(all).labels()).sum(), "every AF row, 14 normal");
        assertSame(all, balanced(0).apply(all));
        assertSame(all, balanced(40).apply(all));
        // The natural share of the data (6 of 40): 3 AF rows of 20.
        EcgFeatureSet natural = new TrainRowSubset(20, TrainRowSubset.parseShare("natural"), 42).apply(all);
        assertEquals(20, natural.size());
        assertEquals(3, java.util.Arrays.stream(natural.labels()).sum());
        assertEquals(
                2,
                java.util.Arrays.stream(new TrainRowSubset(10, OptionalDouble.of(0.2), 42)
                                .apply(all)
                                .labels())
                        .sum());
    }

    private static TrainRowSubset balanced(int max) {
        return new TrainRowSubset(max, OptionalDouble.of(0.5), 42);
    }

    @Test
    void tinyHasTheProofDefaultsAndExplicitValuesWin() throws Exception {
        TrainLlmJob job = new TrainLlmJob();
        ParsedArgs tiny = job.options().parse(new String[] {"--tiny", "--tokenizer", "tok", "--epochs", "2"});
        TrainLlmConfig c = job.configure(tiny);
        assertEquals(2, c.training().epochs());
        assertEquals(5e-3, c.training().learningRate());
        assertEquals(1, c.training().accumulationSteps());
        assertEquals(Path.of("tok"), c.tokenizerDir());
        TrainLlmConfig real =
                job.configure(job.options().parse(new String[] {"--model", "/m/qwen3-8b", "--dtype", "fp16"}));
        assertEquals(3, real.training().epochs());
        assertEquals(1e-4, real.training().learningRate());
        assertEquals(4, real.training().accumulationSteps());
        assertEquals(100, real.training().warmupSteps());
        assertEquals(16, real.llm().loraRank());
        assertEquals(DataType.FLOAT16, real.dtype());
        assertEquals(Path.of("/m/qwen3-8b"), real.tokenizerDir());
    }
}
