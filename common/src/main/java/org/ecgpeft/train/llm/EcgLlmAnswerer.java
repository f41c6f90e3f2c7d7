package org.ecgpeft.train.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ecgpeft.ecgllm.EcgLlm;
import org.ecgpeft.ecgllm.EcgPromptTokens;
import org.ecgpeft.model.qwen3.Qwen3Tokenizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batched greedy answers of an {@link EcgLlm} for a feature set: each batch's prompt embeddings (with the
 * projected features spliced in) are decoded with the KV cache until every row emits {@code <|im_end|>}, and the
 * new tokens are turned back into text without special tokens.
 */
public final class EcgLlmAnswerer {
    private static final Logger LOG = LoggerFactory.getLogger(EcgLlmAnswerer.class);
    /** Generation over many rows takes long: progress is logged at most this often. */
    private static final long PROGRESS_NANOS = 30_000_000_000L;

    private final EcgLlm model;
    private final EcgPromptTokens tokens;
    private final Qwen3Tokenizer tokenizer;
    private final int batchSize;

    public EcgLlmAnswerer(EcgLlm model, EcgPromptTokens tokens, Qwen3Tokenizer tokenizer, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("answer batch size must be positive, got " + batchSize);
        }
        this.model = model;
        this.tokens = tokens;
        this.tokenizer = tokenizer;
        this.batchSize = batchSize;
    }

    /** The decoded answer of every row, in row order. */
    public List<String> answer(EcgFeatureSet set) {
        if (set.dim() != model.config().featureDim()) {
            throw new IllegalArgumentException("features are " + set.dim() + "-d but the model's projector expects "
                    + model.config().featureDim());
        }
        List<String> out = new ArrayList<>(set.size());
        long start = System.nanoTime();
        long lastLog = start;
        for (int from = 0; from < set.size(); from += batchSize) {
            int[] rows = range(from, Math.min(from + batchSize, set.size()));
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray features = scope.create(set.rows(rows), new Shape(rows.length, set.dim()));
                for (long[] ids : model.generate(features, tokens)) {
                    out.add(tokenizer.decode(ids));
                }
            }
            long now = System.nanoTime();
            if (now - lastLog >= PROGRESS_NANOS) {
                lastLog = now;
                LOG.info(
                        "answered {} of {} rows ({} rows/s)",
                        out.size(),
                        set.size(),
                        String.format("%.2f", out.size() / ((now - start) / 1e9)));
            }
        }
        return out;
    }

    static int[] range(int from, int to) {
        int[] rows = new int[to - from];
        Arrays.setAll(rows, i -> from + i);
        return rows;
    }
}
