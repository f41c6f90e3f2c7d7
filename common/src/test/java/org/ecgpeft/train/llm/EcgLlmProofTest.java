package org.ecgpeft.train.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ecgpeft.ecgllm.EcgLlm;
import org.ecgpeft.ecgllm.EcgLlmCheckpoint;
import org.ecgpeft.ecgllm.EcgLlmConfig;
import org.ecgpeft.ecgllm.EcgPromptTokens;
import org.ecgpeft.ecgllm.TinyQwen3Base;
import org.ecgpeft.eval.AnswerParser;
import org.ecgpeft.model.qwen3.ProjectTokenizer;
import org.ecgpeft.model.qwen3.Qwen3Checkpoint;
import org.ecgpeft.model.qwen3.Qwen3Config;
import org.ecgpeft.model.qwen3.Qwen3ForCausalLM;
import org.ecgpeft.model.qwen3.Qwen3MemoryBudget;
import org.ecgpeft.model.qwen3.Qwen3Tokenizer;
import org.ecgpeft.train.TrainingCurve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on CPU: synthetic features -> projector -> prompt splice -> LoRA on a frozen tiny random Qwen3
 * with the real tokenizer -> greedy generation -> answer parsing, then the saved checkpoint reloaded onto a fresh
 * base answers the same. Skipped without the Qwen3 tokenizer fixture.
 */
class EcgLlmProofTest {

    @TempDir
    Path tmp;

    @Test
    void frozenTinyBaseLearnsTheAnswersAndTheReloadedCheckpointAnswersTheSame() throws IOException {
        Path base = tmp.resolve("base");
        TinyQwen3Base.write(base, TinyQwen3Base.config(Qwen3Config.VOCAB_SIZE), ProjectTokenizer.folder(), 11);
        EcgFeatureSet all = SyntheticFeatures.generate(48, 1024, 1.0, 5);
        EcgFeatureSet train = all.subset(EcgLlmAnswerer.range(0, 32));
        EcgFeatureSet heldOut = all.subset(EcgLlmAnswerer.range(32, 48));
        EcgLlmConfig config = new EcgLlmConfig(1024, 16, 32, 0.05, Qwen3MemoryBudget.PROJECTIONS, 0.1, "zh", 32);
        LlmTrainingConfig training = new LlmTrainingConfig(2, 4, 1, 1e-2, 2, 0.0, 1.0, 3, 4, 16);
        AnswerParser parser = new AnswerParser(config.prompt().vocabulary());
        List<String> trained;
        LlmTrainingResult result;
        try (Qwen3Tokenizer tokenizer = Qwen3Tokenizer.load(base);
                NDManager manager = NDManager.newBaseManager()) {
            EcgPromptTokens tokens = new EcgPromptTokens(tokenizer, config.prompt());
            EcgLlm model = EcgLlm.create(
                    Qwen3Checkpoint.load(base, manager, DataType.FLOAT32),
                    config,
                    tokenizer.ecgFeatureId(),
                    base.toString());
            EcgLlmAnswerer answerer = new EcgLlmAnswerer(model, tokens, tokenizer, 16);
            result = new EcgLlmTrainer(training)
                    .fit(model, tokens, train, null, null, tmp.resolve("ckpt"), base.toString());
            trained = answerer.answer(heldOut);
        }
        List<TrainingCurve> losses =
                result.curves().stream().filter(c -> c.metric().equals("loss")).toList();
        assertEquals(16, result.optimizerSteps());
        assertTrue(losses.get(losses.size() - 1).value() < losses.get(0).value() / 10, "loss did not fall: " + losses);
        LlmComparison comparison = LlmComparison.of(heldOut.labels(), trained, null, parser);
        assertTrue(comparison.llm().metrics().accuracy() >= 0.9, comparison.summary() + "\n" + trained);
        assertEquals(0, comparison.llm().invalid(), comparison.summary());
        assertTrue(
                trained.contains(config.prompt().answer(0))
                        && trained.contains(config.prompt().answer(1)),
                trained.toString());

        Path checkpoint = result.lastCheckpoint();
        assertNotNull(checkpoint);
        try (Qwen3Tokenizer tokenizer = Qwen3Tokenizer.load(base);
                NDManager manager = NDManager.newBaseManager()) {
            Qwen3ForCausalLM fresh = Qwen3Checkpoint.load(
                    Path.of(EcgLlmCheckpoint.readBaseModel(checkpoint)), manager, DataType.FLOAT32);
            EcgLlm reloaded = EcgLlmCheckpoint.load(checkpoint, fresh);
            EcgPromptTokens tokens =
                    new EcgPromptTokens(tokenizer, reloaded.config().prompt());
            assertEquals(trained, new EcgLlmAnswerer(reloaded, tokens, tokenizer, 5).answer(heldOut));
        }
    }
}
