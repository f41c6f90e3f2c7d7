package org.ecgpeft.model.qwen3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.LongStream;
import org.ecgpeft.config.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Qwen3 tokenizer the project ships ({@code tokenizers/qwen3}). */
class Qwen3TokenizerTest {

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
    void thePlaceholderEntryKeepsTheLayoutHfWrites() {
        assertEquals(
                "{\"id\":7,\"content\":\"<x>\",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,"
                        + "\"normalized\":false,\"special\":true}",
                Json.FOREIGN.write(new Qwen3Tokenizer.AddedToken(7, "<x>", false, false, false, false, true)));
    }

    @Test
    void aBadAddedTokenNamesTheFileAndTheKey(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(
                dir.resolve("tokenizer.json"),
                "{\"added_tokens\": [{\"id\": 1, \"content\": \"a\"}, {\"id\": \"2\", \"content\": \"b\"}]}");
        assertEquals(
                file + ": key \"added_tokens[1].id\": expected an integer, got \"2\"",
                assertThrows(IllegalArgumentException.class, () -> Qwen3Tokenizer.load(dir))
                        .getMessage());
    }

    @Test
    void encodesKnownIdsWithoutAddingSpecialTokens() {
        // vocab["Hello"] = 9707, vocab["Ġworld"] = 1879 in Qwen3's tokenizer.json; no BOS/EOS added.
        assertArrayEquals(new long[] {9707, 1879}, tokenizer.encode("Hello world"));
    }

    @Test
    void specialTokenIdsByName() {
        assertEquals(151643, tokenizer.tokenId(Qwen3Tokenizer.END_OF_TEXT));
        assertEquals(151644, tokenizer.tokenId(Qwen3Tokenizer.IM_START));
        assertEquals(151645, tokenizer.tokenId(Qwen3Tokenizer.IM_END));
        assertEquals(151669, tokenizer.ecgFeatureId());
        assertThrows(IllegalArgumentException.class, () -> tokenizer.tokenId("<|no_such_token|>"));
    }

    @Test
    void chinesePromptRoundTrips() {
        String text = "这段心电图是否显示心房颤动？请回答是或否。";
        long[] ids = tokenizer.encode(text);
        assertEquals(text, tokenizer.decode(ids));
        // Plain text maps to ordinary BPE ids only (below <|endoftext|>, the first added token).
        assertEquals(0, LongStream.of(ids).filter(id -> id >= 151643).count());
    }

    @Test
    void longTextIsNeitherTruncatedNorPadded() {
        String text = "beat ".repeat(1500).trim();
        long[] ids = tokenizer.encode(text);
        assertEquals(1500, ids.length);
        assertEquals(text, tokenizer.decode(ids));
    }

    @Test
    void ecgPlaceholderIsOneSpecialIdAndIsSkippedWhenDecoding() {
        long feature = tokenizer.ecgFeatureId();
        long[] ids = tokenizer.encode("ECG:" + Qwen3Tokenizer.ECG_FEATURE + "\nAF?");
        assertEquals(1, LongStream.of(ids).filter(id -> id == feature).count());
        long[] expected = concat(tokenizer.encode("ECG:"), new long[] {feature}, tokenizer.encode("\nAF?"));
        assertArrayEquals(expected, ids);
        assertEquals("ECG:\nAF?", tokenizer.decode(ids));
    }

    @Test
    void chatTemplateMatchesQwen3WithThinkingDisabled() {
        String prompt = ChatTemplate.generationPrompt("Is this AF?");
        assertEquals("<|im_start|>user\nIs this AF?<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n", prompt);
        String full = ChatTemplate.conversation("Is this AF?", "\nYes");
        assertEquals(prompt + "Yes<|im_end|>\n", full);

        long[] promptIds = tokenizer.encode(prompt);
        long[] fullIds = tokenizer.encode(full);
        // The prompt tokenizes to a prefix of the conversation, so training labels can mask it by length.
        assertArrayEquals(promptIds, Arrays.copyOf(fullIds, promptIds.length));
        assertEquals(tokenizer.tokenId(Qwen3Tokenizer.IM_START), promptIds[0]);
        assertEquals(tokenizer.tokenId(Qwen3Tokenizer.IM_END), fullIds[fullIds.length - 2]);
        assertEquals("user\nIs this AF?\nassistant\n<think>\n\n</think>\n\nYes\n", tokenizer.decode(fullIds));
    }

    private static long[] concat(long[]... parts) {
        return Arrays.stream(parts).flatMapToLong(LongStream::of).toArray();
    }
}
