package org.ecgpeft.model.qwen3;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.ecgpeft.config.BadKeyException;
import org.ecgpeft.config.Json;

/**
 * Qwen3's byte-level BPE tokenizer ({@code tokenizer.json}) through DJL's HF tokenizers binding, offline.
 * Text is encoded without adding special tokens (Qwen3 adds none; the chat template writes them) and decoded
 * skipping special tokens.
 *
 * <p>The ECG placeholder {@value #ECG_FEATURE} is registered as an extra special token, like HF's
 * {@code tokenizer.add_special_tokens}: DJL's binding cannot add tokens, so the placeholder is added to
 * the {@code added_tokens} of {@code tokenizer.json} (in memory) with the next free id (151669 for Qwen3,
 * inside the model's 151,936-row embedding, so no resize) before the native tokenizer is built from it.
 */
public final class Qwen3Tokenizer implements AutoCloseable {

    /** Prompt placeholder whose embedding the ECG-LLM replaces with the projected ECG feature. */
    public static final String ECG_FEATURE = "<|ecg_feature|>";

    public static final String IM_START = "<|im_start|>";
    public static final String IM_END = "<|im_end|>";
    public static final String END_OF_TEXT = "<|endoftext|>";

    private final HuggingFaceTokenizer tokenizer;
    private final Map<String, Long> addedTokens;

    private Qwen3Tokenizer(HuggingFaceTokenizer tokenizer, Map<String, Long> addedTokens) {
        this.tokenizer = tokenizer;
        this.addedTokens = addedTokens;
    }

    /** Loads {@code tokenizer.json} from a model or tokenizer folder. */
    public static Qwen3Tokenizer load(Path folder) throws IOException {
        Path file = folder.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new IOException("no tokenizer.json in " + folder);
        }
        String json = Files.readString(file, StandardCharsets.UTF_8);
        AddedTokens added = AddedTokens.scan(json, file);
        Map<String, Long> ids = new HashMap<>(added.ids);
        if (!ids.containsKey(ECG_FEATURE)) {
            long id = ids.values().stream()
                            .mapToLong(Long::longValue)
                            .max()
                            .orElseThrow(() -> new IOException(file + ": 'added_tokens' is empty"))
                    + 1;
            String entry = "," + Json.FOREIGN.write(new AddedToken(id, ECG_FEATURE, false, false, false, false, true));
            // Appended last: the native loader assigns added-token ids in array order.
            json = json.substring(0, added.arrayEnd) + entry + json.substring(added.arrayEnd);
            ids.put(ECG_FEATURE, id);
        }
        for (String required : new String[] {IM_START, IM_END, END_OF_TEXT}) {
            if (!ids.containsKey(required)) {
                throw new IOException(file + ": special token " + required + " is not in 'added_tokens'");
            }
        }
        HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
        long[] placeholder = hf.encode(ECG_FEATURE, false, false).getIds();
        if (placeholder.length != 1 || placeholder[0] != ids.get(ECG_FEATURE)) {
            hf.close();
            throw new IOException(file + ": " + ECG_FEATURE + " encodes to " + Arrays.toString(placeholder)
                    + ", expected the single id " + ids.get(ECG_FEATURE));
        }
        return new Qwen3Tokenizer(hf, Collections.unmodifiableMap(ids));
    }

    /**
     * The top-level {@code added_tokens} of a {@code tokenizer.json} and where its array ends. Streamed
     * (skipping the 150k-entry vocabulary and merges) because building the whole JSON tree takes seconds.
     */
    private static final class AddedTokens {
        final Map<String, Long> ids = new HashMap<>();
        int arrayEnd = -1;

        static AddedTokens scan(String json, Path file) throws IOException {
            AddedTokens out = new AddedTokens();
            ObjectMapper mapper = new ObjectMapper();
            try (JsonParser p = mapper.getFactory().createParser(json)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException(file + ": not a JSON object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.getCurrentName();
                    JsonToken value = p.nextToken();
                    if (field.equals("added_tokens") && value == JsonToken.START_ARRAY) {
                        JsonNode tokens = mapper.readTree(p);
                        out.arrayEnd = Math.toIntExact(p.getTokenLocation().getCharOffset());
                        AddedToken[] typed = Json.inFile(
                                file, () -> Json.FOREIGN.convert(tokens, AddedToken[].class, "added_tokens"));
                        for (AddedToken t : typed) {
                            out.ids.put(t.content(), t.id());
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            }
            if (out.arrayEnd < 0) {
                throw new IOException(file + ": missing 'added_tokens' array");
            }
            return out;
        }
    }

    /**
     * An entry of {@code added_tokens} as HF tokenizers writes it; only {@code id} and {@code content} are
     * required to read one.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AddedToken(
            long id,
            String content,
            Boolean singleWord,
            Boolean lstrip,
            Boolean rstrip,
            Boolean normalized,
            Boolean special) {

        AddedToken {
            BadKeyException.required(content, "content");
        }
    }

    /** Token ids of {@code text}; special-token strings in it (e.g. the ECG placeholder) become their single id. */
    public long[] encode(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    /** Text of {@code ids} with special tokens (chat markers, EOS, the ECG placeholder) left out. */
    public String decode(long[] ids) {
        return tokenizer.decode(ids, true);
    }

    /** Id of an added token such as {@code <|im_end|>}. */
    public long tokenId(String addedToken) {
        Long id = addedTokens.get(addedToken);
        if (id == null) {
            throw new IllegalArgumentException("'" + addedToken + "' is not an added token of this tokenizer");
        }
        return id;
    }

    public long ecgFeatureId() {
        return tokenId(ECG_FEATURE);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
