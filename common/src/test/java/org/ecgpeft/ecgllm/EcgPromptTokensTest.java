package org.ecgpeft.ecgllm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import org.ecgpeft.model.qwen3.ChatTemplate;
import org.ecgpeft.model.qwen3.ProjectTokenizer;
import org.ecgpeft.model.qwen3.Qwen3Tokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Prompt/answer tokenization with the real Qwen3 tokenizer the project ships. */
class EcgPromptTokensTest {

    private static Qwen3Tokenizer tokenizer;

    @BeforeAll
    static void load() throws IOException {
        tokenizer = Qwen3Tokenizer.load(ProjectTokenizer.folder());
    }

    @AfterAll
    static void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    @Test
    void answersAndImEndAreTheTrainedTokens() {
        for (PromptTemplate template : new PromptTemplate[] {PromptTemplate.CHINESE, PromptTemplate.ENGLISH}) {
            EcgPromptTokens tokens = new EcgPromptTokens(tokenizer, template);
            long[] prompt = tokens.prompt();
            assertEquals(1, Arrays.stream(prompt).filter(id -> id == 151669).count());
            assertArrayEquals(tokenizer.encode(ChatTemplate.generationPrompt(template.instruction())), prompt);
            for (int label = 0; label < 2; label++) {
                long[] tail = tokens.continuation(label);
                int n = tokens.lossLength(label);
                assertEquals(151645, tail[n - 1], "the last trained token is <|im_end|>");
                assertEquals(template.answer(label), tokenizer.decode(Arrays.copyOf(tail, n - 1)));
                assertEquals("\n", tokenizer.decode(Arrays.copyOfRange(tail, n, tail.length)));
            }
            assertEquals(Set.of(151643L, 151645L), tokens.eosIds());
        }
    }

    @Test
    void trainingBatchIsLeftPaddedWithLabelsOnlyOnTheAnswers() {
        EcgPromptTokens tokens = new EcgPromptTokens(tokenizer, PromptTemplate.CHINESE);
        int[] labels = {0, 1, 1};
        EcgLlmBatch batch = EcgLlmBatch.training(tokens, labels);
        int p = tokens.prompt().length;
        assertEquals(tokens.maxTrainingLength(), batch.length());
        for (int r = 0; r < labels.length; r++) {
            long[] tail = tokens.continuation(labels[r]);
            int pad = batch.length() - p - tail.length;
            long[] row = Arrays.copyOfRange(batch.ids(), r * batch.length(), (r + 1) * batch.length());
            long[] mask = Arrays.copyOfRange(batch.attentionMask(), r * batch.length(), (r + 1) * batch.length());
            long[] lab = Arrays.copyOfRange(batch.labels(), r * batch.length(), (r + 1) * batch.length());
            for (int t = 0; t < batch.length(); t++) {
                assertEquals(t < pad ? 0 : 1, mask[t]);
                boolean trained = t >= pad + p && t < pad + p + tokens.lossLength(labels[r]);
                assertEquals(trained ? row[t] : EcgLlmBatch.IGNORE, lab[t], "row " + r + " position " + t);
                if (t < pad) {
                    assertEquals(tokens.padId(), row[t]);
                }
            }
            assertArrayEquals(tokens.prompt(), Arrays.copyOfRange(row, pad, pad + p));
        }
        int answerTokens = tokens.lossLength(0) + 2 * tokens.lossLength(1);
        assertEquals(answerTokens, batch.lossPositions().length);
        assertEquals(answerTokens, batch.targets().length);
    }
}
