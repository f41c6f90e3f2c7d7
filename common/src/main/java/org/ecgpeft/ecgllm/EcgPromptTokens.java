package org.ecgpeft.ecgllm;

import java.util.Arrays;
import java.util.Set;
import org.ecgpeft.model.qwen3.ChatTemplate;
import org.ecgpeft.model.qwen3.Qwen3Tokenizer;

/**
 * The token ids of the ECG-LLM's single-turn chat: the generation prompt (chat template around the
 * instruction, with the {@code <|ecg_feature|>} placeholder once) and, per label, the tokens that follow
 * it in a training conversation. The loss covers the answer and its {@code <|im_end|>}; the template's
 * trailing newline is kept in the sequence but not trained, as it is never generated.
 *
 * <p>The conversation is tokenized as one string (as HF's chat template is) and checked to start with the
 * prompt's ids, so the prompt/answer split cannot silently shift at a BPE merge across the boundary.
 */
public final class EcgPromptTokens {

    private final long[] prompt;
    private final long[][] continuation = new long[2][];
    private final int[] lossLength = new int[2];
    private final long featureId;
    private final long padId;
    private final Set<Long> eosIds;

    public EcgPromptTokens(Qwen3Tokenizer tokenizer, PromptTemplate template) {
        this.featureId = tokenizer.ecgFeatureId();
        this.padId = tokenizer.tokenId(Qwen3Tokenizer.END_OF_TEXT);
        long imEnd = tokenizer.tokenId(Qwen3Tokenizer.IM_END);
        this.eosIds = Set.of(imEnd, padId);
        this.prompt = tokenizer.encode(ChatTemplate.generationPrompt(template.instruction()));
        long placeholders = Arrays.stream(prompt).filter(id -> id == featureId).count();
        if (placeholders != 1) {
            throw new IllegalStateException("the prompt must hold " + PromptTemplate.PLACEHOLDER + " once as token "
                    + featureId + ", found " + placeholders + " times");
        }
        for (int label = 0; label < 2; label++) {
            long[] all = tokenizer.encode(ChatTemplate.conversation(template.instruction(), template.answer(label)));
            if (all.length <= prompt.length || !Arrays.equals(prompt, Arrays.copyOf(all, prompt.length))) {
                throw new IllegalStateException("the tokenized conversation for label " + label
                        + " does not start with the tokenized prompt; cannot separate the answer tokens");
            }
            continuation[label] = Arrays.copyOfRange(all, prompt.length, all.length);
            int end = indexOf(continuation[label], imEnd);
            if (end < 1) {
                throw new IllegalStateException("answer for label " + label + " has no text before <|im_end|>");
            }
            lossLength[label] = end + 1;
        }
    }

    /** The generation prompt's ids (ends with the assistant header and the empty think block). */
    public long[] prompt() {
        return prompt.clone();
    }

    /** Tokens after the prompt in the training conversation of {@code label}: answer, {@code <|im_end|>}, newline. */
    public long[] continuation(int label) {
        return continuation[checkLabel(label)].clone();
    }

    /** How many leading continuation tokens are trained (the answer plus {@code <|im_end|>}). */
    public int lossLength(int label) {
        return lossLength[checkLabel(label)];
    }

    /** Id of {@code <|ecg_feature|>}. */
    public long featureId() {
        return featureId;
    }

    /** Id used for left padding ({@code <|endoftext|>}, Qwen3's pad token). */
    public long padId() {
        return padId;
    }

    /** Ids that end generation: {@code <|im_end|>} and {@code <|endoftext|>}. */
    public Set<Long> eosIds() {
        return eosIds;
    }

    /** Longest training sequence (prompt plus the longer continuation). */
    public int maxTrainingLength() {
        return prompt.length + Math.max(continuation[0].length, continuation[1].length);
    }

    private static int checkLabel(int label) {
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 or 1, got " + label);
        }
        return label;
    }

    private static int indexOf(long[] ids, long id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }
}
