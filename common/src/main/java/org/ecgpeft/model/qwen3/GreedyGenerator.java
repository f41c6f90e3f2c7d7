package org.ecgpeft.model.qwen3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Batched greedy decoding for {@link Qwen3ForCausalLM}, like HF {@code generate(do_sample=False)}: prompts
 * are left-padded, position ids follow the attention mask, a row stops at an EOS id (kept as its last
 * token) and later steps feed it the pad id. Generation can start from token ids or from input embeddings
 * (the ECG-LLM splices a projected feature into the prompt's embeddings).
 */
public final class GreedyGenerator {

    private final Qwen3ForCausalLM lm;

    public GreedyGenerator(Qwen3ForCausalLM lm) {
        this.lm = lm;
    }

    /** New tokens for each prompt (prompts may differ in length; they are left-padded here). */
    public List<long[]> generate(List<long[]> prompts, GenerationConfig config) {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("no prompts to generate from");
        }
        int longest = prompts.stream().mapToInt(p -> p.length).max().orElseThrow();
        if (prompts.stream().anyMatch(p -> p.length == 0)) {
            throw new IllegalArgumentException("every prompt needs at least one token");
        }
        int b = prompts.size();
        long[] ids = new long[b * longest];
        long[] mask = new long[b * longest];
        for (int r = 0; r < b; r++) {
            long[] p = prompts.get(r);
            int pad = longest - p.length;
            Arrays.fill(ids, r * longest, r * longest + pad, config.padTokenId());
            System.arraycopy(p, 0, ids, r * longest + pad, p.length);
            Arrays.fill(mask, r * longest + pad, (r + 1) * longest, 1L);
        }
        try (NDManager scope = parameterManager().newSubManager()) {
            NDArray idArray = scope.create(ids, new Shape(b, longest));
            NDArray maskArray = scope.create(mask, new Shape(b, longest));
            return generate(lm.embed(idArray), maskArray, config);
        }
    }

    /**
     * New tokens for each row of {@code inputsEmbeds [B, T, hidden]} with {@code attentionMask [B, T]}
     * (1 = token, 0 = left padding; null when no row is padded).
     */
    public List<long[]> generate(NDArray inputsEmbeds, NDArray attentionMask, GenerationConfig config) {
        int b = Math.toIntExact(inputsEmbeds.getShape().get(0));
        int t = Math.toIntExact(inputsEmbeds.getShape().get(1));
        long[][] mask = initialMask(attentionMask, b, t);
        List<List<Long>> generated = new ArrayList<>();
        for (int r = 0; r < b; r++) {
            generated.add(new ArrayList<>());
        }
        boolean[] finished = new boolean[b];
        long[] next = null;
        try (NDManager scope = parameterManager().newSubManager();
                KvCache cache = config.useCache() ? lm.newCache(scope) : null) {
            for (int step = 0; step < config.maxNewTokens(); step++) {
                try (NDManager stepScope = scope.newSubManager()) {
                    NDArray input = stepInput(stepScope, inputsEmbeds, generated, next, config.useCache(), step);
                    NDArray maskArray = stepScope.create(flatten(mask), new Shape(b, mask[0].length));
                    NDArray hidden = lm.model().forward(input, maskArray, cache, false);
                    NDArray last = hidden.get(new NDIndex(":, -1, :"));
                    next = lm.lmHead(last, false)
                            .argMax(-1)
                            .toType(DataType.INT64, false)
                            .toLongArray();
                }
                boolean all = true;
                for (int r = 0; r < b; r++) {
                    if (finished[r]) {
                        next[r] = config.padTokenId();
                    } else {
                        generated.get(r).add(next[r]);
                        finished[r] = config.eosTokenIds().contains(next[r]);
                    }
                    all &= finished[r];
                }
                if (all) {
                    break;
                }
                mask = appendOnes(mask);
            }
        }
        List<long[]> out = new ArrayList<>(b);
        for (List<Long> row : generated) {
            out.add(row.stream().mapToLong(Long::longValue).toArray());
        }
        return out;
    }

    /**
     * The embeddings to run this step, owned by {@code stepScope} so the step's activations are freed with
     * it: with a cache the prompt first, then only the last token; without one the whole sequence again.
     */
    private NDArray stepInput(
            NDManager stepScope, NDArray prompt, List<List<Long>> generated, long[] next, boolean useCache, int step) {
        NDArray input;
        if (step == 0) {
            input = prompt.duplicate();
        } else if (useCache) {
            input = lm.embed(stepScope.create(next, new Shape(next.length, 1)));
        } else {
            int b = generated.size();
            long[] ids = new long[b * step];
            for (int r = 0; r < b; r++) {
                List<Long> row = generated.get(r);
                for (int s = 0; s < step; s++) {
                    // A finished row's later positions are fed the pad id, as in the cached path.
                    ids[r * step + s] = s < row.size() ? row.get(s) : next[r];
                }
            }
            NDArray tail = lm.embed(stepScope.create(ids, new Shape(b, step)));
            input = prompt.concat(tail.toType(prompt.getDataType(), false), 1);
        }
        input.attach(stepScope);
        return input;
    }

    private static long[][] initialMask(NDArray attentionMask, int b, int t) {
        long[][] mask = new long[b][t];
        if (attentionMask == null) {
            for (long[] row : mask) {
                Arrays.fill(row, 1L);
            }
            return mask;
        }
        if (!attentionMask.getShape().equals(new Shape(b, t))) {
            throw new IllegalArgumentException(
                    "attention mask must be [" + b + ", " + t + "], got " + attentionMask.getShape());
        }
        long[] flat = attentionMask.toType(DataType.INT64, false).toLongArray();
        for (int r = 0; r < b; r++) {
            System.arraycopy(flat, r * t, mask[r], 0, t);
        }
        return mask;
    }

    private static long[][] appendOnes(long[][] mask) {
        long[][] out = new long[mask.length][];
        for (int r = 0; r < mask.length; r++) {
            out[r] = Arrays.copyOf(mask[r], mask[r].length + 1);
            out[r][mask[r].length] = 1L;
        }
        return out;
    }

    private static long[] flatten(long[][] rows) {
        int w = rows[0].length;
        long[] flat = new long[rows.length * w];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * w, w);
        }
        return flat;
    }

    private NDManager parameterManager() {
        return lm.model().embedTokens().weight().getArray().getManager();
    }
}
