package org.ecgpeft.train.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.ecgpeft.ecgllm.EcgLlm;
import org.ecgpeft.ecgllm.EcgLlmCheckpoint;
import org.ecgpeft.ecgllm.EcgLlmConfig;
import org.ecgpeft.ecgllm.EcgPromptTokens;
import org.ecgpeft.ecgllm.TinyQwen3Base;
import org.ecgpeft.model.qwen3.ProjectTokenizer;
import org.ecgpeft.model.qwen3.Qwen3Checkpoint;
import org.ecgpeft.model.qwen3.Qwen3Config;
import org.ecgpeft.model.qwen3.Qwen3MemoryBudget;
import org.ecgpeft.model.qwen3.Qwen3Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A killed ECG-LLM run started again on the same checkpoint root resumes after its last epoch checkpoint and
 * ends with the LoRA and projector weights of an uninterrupted run, bit for bit. Skipped without the Qwen3
 * tokenizer fixture.
 */
class EcgLlmResumeTest {

    @TempDir
    Path tmp;

    @Test
    void aRunKilledInItsSecondEpochResumesToTheSameWeightsBitForBit() throws IOException {
        Path base = tmp.resolve("base");
        TinyQwen3Base.write(base, TinyQwen3Base.config(Qwen3Config.VOCAB_SIZE), ProjectTokenizer.folder(), 11);
        EcgFeatureSet train = SyntheticFeatures.generate(8, 64, 1.0, 5);
        EcgLlmConfig config = new EcgLlmConfig(64, 4, 8, 0.1, Qwen3MemoryBudget.PROJECTIONS, 0.1, "zh", 32);
        LlmTrainingConfig training = new LlmTrainingConfig(2, 4, 1, 1e-2, 1, 0.01, 1.0, 3, 1, 16);
        LlmTrainingResult straight = train(base, config, training, train, tmp.resolve("a"));
        // What a kill during epoch 2 of the same run leaves: the epoch-1 checkpoint, epoch 2's half written.
        copyTree(tmp.resolve("a/epoch-001"), tmp.resolve("b/epoch-001"));
        Files.createDirectories(tmp.resolve("b/.epoch-002.tmp"));
        Files.writeString(tmp.resolve("b/.epoch-002.tmp/" + EcgLlmCheckpoint.PROJECTOR_FILE), "half");

        LlmTrainingResult resumed = train(base, config, training, train, tmp.resolve("b"));
        assertEquals(straight.curves(), resumed.curves());
        assertEquals(straight.optimizerSteps(), resumed.optimizerSteps());
        assertEquals(tmp.resolve("b/epoch-002"), resumed.lastCheckpoint());
        for (String file :
                new String[] {"trainable.safetensors", "optimizer.safetensors", EcgLlmCheckpoint.PROJECTOR_FILE}) {
            assertArrayEquals(
                    Files.readAllBytes(tmp.resolve("a/epoch-002").resolve(file)),
                    Files.readAllBytes(tmp.resolve("b/epoch-002").resolve(file)),
                    file);
        }
        assertTrue(!Files.exists(tmp.resolve("b/.epoch-002.tmp")));
    }

    private static LlmTrainingResult train(
            Path base, EcgLlmConfig config, LlmTrainingConfig training, EcgFeatureSet train, Path root)
            throws IOException {
        try (Qwen3Tokenizer tokenizer = Qwen3Tokenizer.load(base);
                NDManager manager = NDManager.newBaseManager()) {
            // The same initial LoRA and projector in both runs (the resumed one overwrites them anyway).
            Engine.getInstance().setRandomSeed(7);
            EcgLlm model = EcgLlm.create(
                    Qwen3Checkpoint.load(base, manager, DataType.FLOAT32),
                    config,
                    tokenizer.ecgFeatureId(),
                    base.toString());
            EcgPromptTokens tokens = new EcgPromptTokens(tokenizer, config.prompt());
            return new EcgLlmTrainer(training).fit(model, tokens, train, null, null, root, base.toString());
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
