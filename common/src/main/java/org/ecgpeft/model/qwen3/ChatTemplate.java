package org.ecgpeft.model.qwen3;

/**
 * Qwen3's chat format for one user turn, as the {@code chat_template} of Qwen3's {@code tokenizer_config.json}
 * renders it with {@code enable_thinking=False}: the generation prompt ends with an empty think block, and
 * a training conversation is that prompt followed by the answer and {@code <|im_end|>\n} (the template
 * writes an empty think block for the last assistant turn and strips the answer's leading newlines).
 */
public final class ChatTemplate {

    private static final String THINK_OFF = "<think>\n\n</think>\n\n";

    private ChatTemplate() {}

    /** {@code apply_chat_template([user], add_generation_prompt=True, enable_thinking=False)}. */
    public static String generationPrompt(String userContent) {
        return "<|im_start|>user\n" + userContent + "<|im_end|>\n<|im_start|>assistant\n" + THINK_OFF;
    }

    /** {@code apply_chat_template([user, assistant])}: the text a model is fine-tuned on. */
    public static String conversation(String userContent, String answer) {
        if (answer.contains("</think>")) {
            throw new IllegalArgumentException("answer must not contain a think block: " + answer);
        }
        return generationPrompt(userContent) + stripLeadingNewlines(answer) + "<|im_end|>\n";
    }

    private static String stripLeadingNewlines(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '\n') {
            i++;
        }
        return s.substring(i);
    }
}
