package org.ecgpeft.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.ecgpeft.cli.UsageException;
import org.ecgpeft.tensor.Checkpoints;
import org.ecgpeft.tensor.SafetensorsWriter;
import org.ecgpeft.tensor.TensorReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForwardCommandTest {

    /** The command line's config, as the tool would build it. */
    private static ForwardCommand.Config parse(String... args) throws UsageException {
        return new ForwardCommand().parse(args).orElseThrow();
    }

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @Test
    void hfClassifierFolderWritesHiddenStatesAndLogitsMatchingHf(@TempDir Path dir) throws Exception {
        Path fixture = FIXTURES.resolve("hubert-tiny");
        Path out = dir.resolve("out.safetensors");
        Set<String> written = ForwardCommand.forward(parse(
                "--checkpoint", fixture.resolve("hf_safetensors").toString(),
                "--input", fixture.resolve("io.safetensors").toString(),
                "--out", out.toString()));
        assertEquals(Set.of("hidden_states.0", "hidden_states.1", "hidden_states.2", "logits"), written);
        assertMatches(fixture.resolve("io.safetensors"), out, written);
    }

    @Test
    void qwen3FolderWritesLogitsForIdsAndForEmbeddings(@TempDir Path dir) throws Exception {
        Path fixture = FIXTURES.resolve("qwen3-tiny");
        for (String layout : new String[] {"hf_safetensors", "hf_bf16_sharded"}) {
            Path out = dir.resolve(layout + ".safetensors");
            Set<String> written = ForwardCommand.forward(
                    new ForwardCommand.Config(fixture.resolve(layout), null, fixture.resolve("io.safetensors"), out));
            assertEquals(Set.of("logits", "embeds_logits"), written);
            // The bf16 shards hold rounded weights: their reference logits are io_bf16's.
            assertMatches(
                    fixture.resolve(layout.equals("hf_safetensors") ? "io.safetensors" : "io_bf16.safetensors"),
                    out,
                    layout.equals("hf_safetensors") ? written : Set.of("logits"));
        }
    }

    @Test
    void aPeftLoraAdapterIsAppliedOnTopOfTheBase(@TempDir Path dir) throws Exception {
        for (String model : new String[] {"hubert-tiny", "wav2vec2-tiny", "qwen3-tiny"}) {
            Path fixture = FIXTURES.resolve(model);
            Path out = dir.resolve(model + ".safetensors");
            ForwardCommand.forward(parse(
                    "--checkpoint", fixture.resolve("hf_safetensors").toString(),
                    "--adapter", fixture.resolve("peft_lora").toString(),
                    "--input", fixture.resolve("peft_lora_io.safetensors").toString(),
                    "--output", out.toString()));
            assertMatches(fixture.resolve("peft_lora_io.safetensors"), out, Set.of("logits"));
        }
    }

    @Test
    void fairseqCheckpointWritesHiddenStatesOnly(@TempDir Path dir) throws Exception {
        Path fixture = FIXTURES.resolve("ecgfm-tiny");
        Path out = dir.resolve("out.safetensors");
        Set<String> written = ForwardCommand.forward(new ForwardCommand.Config(
                fixture.resolve("checkpoint.pt"), null, fixture.resolve("io.safetensors"), out));
        assertEquals(Set.of("hidden_states.0", "hidden_states.1", "hidden_states.2"), written);
        assertMatches(fixture.resolve("io.safetensors"), out, written);
    }

    @Test
    void anAttentionMaskInTheInputFileIsHonoured(@TempDir Path dir) throws Exception {
        Path fixture = FIXTURES.resolve("wav2vec2-tiny-stable");
        Path padded = dir.resolve("padded.safetensors");
        Path alone = dir.resolve("alone.safetensors");
        try (NDManager m = NDManager.newBaseManager();
                TensorReader io = Checkpoints.open(fixture.resolve("io.safetensors"))) {
            NDArray input = io.read("input_values", m, DataType.FLOAT32);
            NDArray mask = m.ones(new Shape(2, 800), DataType.INT64);
            mask.set(new NDIndex("1, 613:"), 0);
            SafetensorsWriter.write(padded, Map.of("input_values", input, "attention_mask", mask), Map.of());
            SafetensorsWriter.write(alone, Map.of("input_values", input.get(new NDIndex("1:2, :613"))), Map.of());
        }
        Path checkpoint = fixture.resolve("hf_safetensors");
        ForwardCommand.forward(
                new ForwardCommand.Config(checkpoint, null, padded, dir.resolve("out_padded.safetensors")));
        ForwardCommand.forward(
                new ForwardCommand.Config(checkpoint, null, alone, dir.resolve("out_alone.safetensors")));
        try (NDManager m = NDManager.newBaseManager();
                TensorReader a = Checkpoints.open(dir.resolve("out_alone.safetensors"));
                TensorReader p = Checkpoints.open(dir.resolve("out_padded.safetensors"))) {
            float diff = a.read("logits", m, DataType.FLOAT32)
                    .sub(p.read("logits", m, DataType.FLOAT32).get(new NDIndex("1:2")))
                    .abs()
                    .max()
                    .getFloat();
            assertTrue(diff <= 1e-4f, "padded vs alone logits differ by " + diff);
        }
    }

    @Test
    void badArgumentsPathsAndShapesGiveClearErrors(@TempDir Path dir) throws Exception {
        Path io = FIXTURES.resolve("wav2vec2-tiny/io.safetensors");
        Path out = dir.resolve("out.safetensors");
        UsageException u = assertThrows(UsageException.class, () -> parse("--checkpoint", "x", "--input", "y"));
        assertTrue(u.getMessage().startsWith("option --out is required"), u.getMessage());
        u = assertThrows(UsageException.class, () -> parse("--lora", "x"));
        assertTrue(u.getMessage().startsWith("unknown option --lora"), u.getMessage());
        u = assertThrows(UsageException.class, () -> parse("--adapter", "x"));
        assertTrue(u.getMessage().startsWith("option --checkpoint is required"), u.getMessage());
        u = assertThrows(UsageException.class, () -> parse("--checkpoint", "x", "--inptu", "y", "--out", "z"));
        assertTrue(u.getMessage().startsWith("unknown option --inptu (did you mean --input?)"), u.getMessage());

        IOException io1 = assertThrows(
                IOException.class,
                () -> ForwardCommand.forward(new ForwardCommand.Config(dir.resolve("nope"), null, io, out)));
        assertTrue(io1.getMessage().contains("does not exist"), io1.getMessage());

        Path folder = Files.createDirectories(dir.resolve("model"));
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"bert\"}");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ForwardCommand.forward(new ForwardCommand.Config(folder, null, io, out)));
        assertTrue(
                e.getMessage().contains("model_type 'bert'") && e.getMessage().contains("wav2vec2"), e.getMessage());

        // 1-channel audio input into the 12-lead ECG-FM checkpoint.
        e = assertThrows(
                IllegalArgumentException.class,
                () -> ForwardCommand.forward(
                        new ForwardCommand.Config(FIXTURES.resolve("ecgfm-tiny/checkpoint.pt"), null, io, out)));
        assertTrue(
                e.getMessage().contains(io.toString()) && e.getMessage().contains("[batch, 12, samples]"),
                e.getMessage());

        // A file without input_values/source.
        e = assertThrows(
                IllegalArgumentException.class,
                () -> ForwardCommand.forward(new ForwardCommand.Config(
                        FIXTURES.resolve("wav2vec2-tiny/hf_safetensors"),
                        null,
                        FIXTURES.resolve("wav2vec2-tiny/hf_safetensors/model.safetensors"),
                        out)));
        assertTrue(e.getMessage().contains("'input_values' or 'source'"), e.getMessage());
        assertTrue(Files.notExists(out), "nothing is written on failure");
    }

    private static void assertMatches(Path expectedFile, Path actualFile, Set<String> names) {
        try (NDManager m = NDManager.newBaseManager();
                TensorReader expected = Checkpoints.open(expectedFile);
                TensorReader actual = Checkpoints.open(actualFile)) {
            for (String name : names) {
                NDArray e = expected.read(name, m, DataType.FLOAT32);
                NDArray a = actual.read(name, m, DataType.FLOAT32);
                assertEquals(e.getShape(), a.getShape(), name);
                float diff = e.sub(a).abs().max().getFloat();
                assertTrue(diff <= 1e-4f, name + ": max |diff| " + diff);
            }
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
