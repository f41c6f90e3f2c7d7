package org.ecgpeft.train.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.ecgpeft.model.qwen3.ProjectTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's train and answer round trip on a tiny base (a few steps; learning is {@link EcgLlmProofTest}'s job). */
class EcgLlmCommandTest {

    @TempDir
    Path tmp;

    private static CommandOptions train(String... args) {
        return new CommandOptions(
                args,
                0,
                Set.of(
                        "--synthetic",
                        "--tokenizer",
                        "--out",
                        "--holdout",
                        "--epochs",
                        "--max-new-tokens",
                        "--lora-rank",
                        "--lora-alpha",
                        "--lr"),
                Set.of("--tiny"));
    }

    @Test
    void trainWritesCheckpointsAndAnswerReloadsThemWithTheSameAnswers() throws IOException {
        Path tokenizer = ProjectTokenizer.folder();
        Path out = tmp.resolve("run");
        // Enough steps and tokens for the tiny base to say whole answers (a 4-token cut-off leaves them all invalid).
        EcgLlmCommand.train(train(
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
        EcgLlmCommand.answer(new CommandOptions(
                new String[] {
                    "--checkpoint",
                    checkpoint.toString(),
                    "--features",
                    out.resolve("heldout.safetensors").toString(),
                    "--out",
                    answers.toString()
                },
                0,
                Set.of("--checkpoint", "--features", "--out"),
                Set.of()));
        assertEquals(Files.readAllLines(out.resolve("answers.csv")), Files.readAllLines(answers));
        assertEquals(9, Files.readAllLines(answers).size());
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> EcgLlmCommand.train(train("--synthetic", "8", "--out", tmp.toString())));
        assertTrue(e.getMessage().contains("--model DIR and --tiny"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> train("--epochs"));
        assertTrue(e.getMessage().contains("--epochs needs a value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> train("--nope", "1"));
        assertTrue(e.getMessage().contains("'--nope'"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> train("--epochs", "x").integer("--epochs", 3));
        assertTrue(e.getMessage().contains("--epochs must be an integer"), e.getMessage());
    }

    @Test
    void holdOutIsDeterministicAndDisjoint() {
        EcgFeatureSet all = SyntheticFeatures.generate(20, 3, 1.0, 1);
        EcgFeatureSet[] a = EcgLlmCommand.holdOut(all, 0.25, 7);
        EcgFeatureSet[] b = EcgLlmCommand.holdOut(all, 0.25, 7);
        assertEquals(15, a[0].size());
        assertEquals(5, a[1].size());
        assertTrue(Arrays.equals(a[1].features(), b[1].features()));
        assertThrows(IllegalArgumentException.class, () -> EcgLlmCommand.holdOut(all, 1.0, 7));
    }
}
