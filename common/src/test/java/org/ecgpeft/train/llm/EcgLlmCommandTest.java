package org.ecgpeft.train.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.ecgpeft.cli.UsageException;
import org.ecgpeft.model.qwen3.ProjectTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's train and answer round trip on a tiny base (a few steps; learning is {@link EcgLlmProofTest}'s job). */
class EcgLlmCommandTest {

    @TempDir
    Path tmp;

    private static EcgLlmTrainCommand.Config train(String... args) throws UsageException {
        return new EcgLlmTrainCommand().parse(args).orElseThrow();
    }

    @Test
    void trainWritesCheckpointsAndAnswerReloadsThemWithTheSameAnswers() throws Exception {
        Path tokenizer = ProjectTokenizer.folder();
        Path out = tmp.resolve("run");
        // Enough steps and tokens for the tiny base to say whole answers (a 4-token cut-off leaves them all invalid).
        new EcgLlmTrainCommand()
                .run(train(
                        "--tiny",
                        "--tokenizer",
                        tokenizer.toString(),
                        "--synthetic",
                        "40",
                        "--holdout",
                        "0.2",
                        "--epochs",
                        "2",
                        "--lr",
                        "1e-2",
                        "--max-new-tokens",
                        "32",
                        "--out",
                        out.toString()));
        Path checkpoint = out.resolve("checkpoints/epoch-002");
        try (var files = Files.list(checkpoint)) {
            // The loadable LoRA + projector, and the optimizer and loop state a resume reads.
            assertEquals(
                    List.of(
                            "adapter_config.json",
                            "adapter_model.safetensors",
                            "ecg_llm.json",
                            "optimizer.safetensors",
                            "projector.safetensors",
                            "state.json",
                            "trainable.safetensors"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        for (String name : List.of(
                "base/config.json",
                "base/model.safetensors",
                "base/tokenizer.json",
                "heldout.safetensors",
                "curves.csv",
                "answers.csv",
                "metrics.json")) {
            assertTrue(Files.isRegularFile(out.resolve(name)), name);
        }
        assertEquals(8, EcgFeatureSet.read(out.resolve("heldout.safetensors")).size());
        JsonNode llm = new ObjectMapper()
                .readTree(out.resolve("metrics.json").toFile())
                .path("ecg_llm");
        assertEquals(8, llm.path("n").asInt());
        assertTrue(
                llm.path("invalid").asInt() < 8, "no answer parsed: " + Files.readAllLines(out.resolve("answers.csv")));
        long parsed = Files.readAllLines(out.resolve("answers.csv")).stream()
                .skip(1)
                .filter(line -> line.split(",")[3].equals("POSITIVE") || line.split(",")[3].equals("NEGATIVE"))
                .count();
        assertEquals(8 - llm.path("invalid").asInt(), parsed);

        Path answers = tmp.resolve("answer/answers.csv");
        Files.createDirectories(answers.getParent());
        new EcgLlmAnswerCommand()
                .run(new EcgLlmAnswerCommand()
                        .parse(
                                "--checkpoint",
                                checkpoint.toString(),
                                "--features",
                                out.resolve("heldout.safetensors").toString(),
                                "--out",
                                answers.toString())
                        .orElseThrow());
        assertEquals(Files.readAllLines(out.resolve("answers.csv")), Files.readAllLines(answers));
        assertEquals(9, Files.readAllLines(answers).size());
    }

    @Test
    void badArgumentsAreNamed() {
        assertMessage("give exactly one of --model DIR and --tiny", "--synthetic", "8", "--out", "o");
        assertMessage("give exactly one of --features FILE and --synthetic N", "--tiny", "--out", "o");
        assertMessage("option --epochs needs a value", "--epochs");
        assertMessage("unknown option --nope", "--nope", "1");
        assertMessage("unknown option --batch (did you mean --batch-size?)", "--batch", "4");
        assertMessage(
                "option --epochs: 'x' is not an integer", "--tiny", "--synthetic", "8", "--out", "o", "--epochs", "x");
        assertMessage(
                "--holdout must be in (0, 1), got 1.5", "--tiny", "--synthetic", "8", "--out", "o", "--holdout", "1.5");
        assertMessage(
                "--dtype must be fp32 or fp16", "--model", "m", "--synthetic", "8", "--out", "o", "--dtype", "bf16");
    }

    @Test
    void theJobsDefaultsAndAnArgFileAreRead() throws Exception {
        Path file = tmp.resolve("llm.args");
        Files.writeString(file, "--model /models/qwen3-8b\n--features f.safetensors\n--out run\n--dtype fp16\n");
        EcgLlmTrainCommand.Config c = train("@" + file, "--lora-rank=8");
        assertEquals(Path.of("/models/qwen3-8b"), c.model().orElseThrow());
        assertEquals(Path.of("/models/qwen3-8b"), c.tokenizer(), "the tokenizer defaults to the model folder");
        assertEquals(ai.djl.ndarray.types.DataType.FLOAT16, c.dtype());
        assertEquals(8, c.llm().loraRank());
        // the study's defaults, as the train-llm job has them
        assertEquals(new LlmTrainingConfig(3, 4, 4, 1e-4, 100, 0, 1, 42, 10, 16), c.training());
        assertEquals(0.2, c.holdout());
    }

    private static void assertMessage(String expected, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> train(args));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void holdOutIsDeterministicAndDisjoint() {
        EcgFeatureSet all = SyntheticFeatures.generate(20, 3, 1.0, 1);
        EcgFeatureSet[] a = EcgLlmTrainCommand.holdOut(all, 0.25, 7);
        EcgFeatureSet[] b = EcgLlmTrainCommand.holdOut(all, 0.25, 7);
        assertEquals(15, a[0].size());
        assertEquals(5, a[1].size());
        assertTrue(Arrays.equals(a[1].features(), b[1].features()));
        assertThrows(IllegalArgumentException.class, () -> EcgLlmTrainCommand.holdOut(all, 1.0, 7));
    }
}
