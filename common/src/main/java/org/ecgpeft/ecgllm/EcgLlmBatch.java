package org.ecgpeft.ecgllm;

import java.util.Arrays;

/**
 * A left-padded batch of token sequences on the host: {@code ids}, {@code attentionMask} (1 token, 0 pad) and
 * HF-style {@code labels} (the token id where the loss applies, {@value #IGNORE} elsewhere), each row-major
 * {@code [rows, length]}. Labels are not shifted: position {@code t}'s logits predict {@code labels[t + 1]},
 * as in HF's causal-LM loss.
 */
public record EcgLlmBatch(int rows, int length, long[] ids, long[] attentionMask, long[] labels) {

    /** HF's ignore index. */
    public static final long IGNORE = -100;

    public EcgLlmBatch {
        if (rows <= 0 || length <= 0) {
            throw new IllegalArgumentException("batch must be non-empty, got " + rows + " x " + length);
        }
        long n = (long) rows * length;
        if (ids.length != n || attentionMask.length != n || labels.length != n) {
            throw new IllegalArgumentException(
                    "ids, attention mask and labels must each hold " + rows + " x " + length);
        }
    }

    /** Training sequences (prompt, answer, {@code <|im_end|>}, newline) for the given 0/1 labels. */
    public static EcgLlmBatch training(EcgPromptTokens tokens, int[] classLabels) {
        if (classLabels.length == 0) {
            throw new IllegalArgumentException("no rows for a training batch");
        }
        long[] prompt = tokens.prompt();
        int length = 0;
        for (int label : classLabels) {
            length = Math.max(length, prompt.length + tokens.continuation(label).length);
        }
        int rows = classLabels.length;
        long[] ids = new long[rows * length];
        long[] mask = new long[rows * length];
        long[] labels = new long[rows * length];
        Arrays.fill(ids, tokens.padId());
        Arrays.fill(labels, IGNORE);
        for (int r = 0; r < rows; r++) {
            long[] tail = tokens.continuation(classLabels[r]);
            int start = r * length + length - prompt.length - tail.length;
            System.arraycopy(prompt, 0, ids, start, prompt.length);
            System.arraycopy(tail, 0, ids, start + prompt.length, tail.length);
            Arrays.fill(mask, start, (r + 1) * length, 1L);
            int answerStart = start + prompt.length;
            System.arraycopy(tail, 0, labels, answerStart, tokens.lossLength(classLabels[r]));
        }
        return new EcgLlmBatch(rows, length, ids, mask, labels);
    }

    /** {@code rows} copies of the generation prompt; no padding is needed as every row has the same prompt. */
    public static EcgLlmBatch generation(EcgPromptTokens tokens, int rows) {
        if (rows <= 0) {
            throw new IllegalArgumentException("rows must be positive, got " + rows);
        }
        long[] prompt = tokens.prompt();
        long[] ids = new long[rows * prompt.length];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(prompt, 0, ids, r * prompt.length, prompt.length);
        }
        long[] mask = new long[ids.length];
        Arrays.fill(mask, 1L);
        long[] labels = new long[ids.length];
        Arrays.fill(labels, IGNORE);
        return new EcgLlmBatch(rows, prompt.length, ids, mask, labels);
    }

    /** Whether any row is padded (the model then needs the attention mask). */
    public boolean padded() {
        for (long m : attentionMask) {
            if (m == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Flat positions {@code r * length + t} whose logits are trained, i.e. where {@code labels[t + 1]} is not
     * ignored; {@link #targets()} gives their target ids in the same order.
     */
    public long[] lossPositions() {
        return shifted(true);
    }

    /** The target token ids of {@link #lossPositions()}. */
    public long[] targets() {
        return shifted(false);
    }

    private long[] shifted(boolean positions) {
        long[] out = new long[ids.length];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t + 1 < length; t++) {
                long label = labels[r * length + t + 1];
                if (label != IGNORE) {
                    out[n++] = positions ? (long) r * length + t : label;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }
}
