package org.ecgpeft.model.qwen3;

import java.util.Set;

/**
 * Greedy decoding settings.
 *
 * @param maxNewTokens upper bound of generated tokens per row
 * @param eosTokenIds  ids that end a row (e.g. {@code <|im_end|>}, {@code <|endoftext|>}); may be empty
 * @param padTokenId   id fed for rows that already finished (their outputs are discarded) and used to left-pad prompts
 * @param useCache     reuse keys/values of earlier positions (true) or recompute the whole sequence every step
 */
public record GenerationConfig(int maxNewTokens, Set<Long> eosTokenIds, long padTokenId, boolean useCache) {

    public GenerationConfig {
        if (maxNewTokens <= 0) {
            throw new IllegalArgumentException("max_new_tokens must be positive, got " + maxNewTokens);
        }
        if (padTokenId < 0) {
            throw new IllegalArgumentException("pad_token_id must be >= 0, got " + padTokenId);
        }
        eosTokenIds = Set.copyOf(eosTokenIds);
    }

    /** Cached greedy decoding of up to {@code maxNewTokens}, stopping at any of {@code eosTokenIds}. */
    public static GenerationConfig greedy(int maxNewTokens, Set<Long> eosTokenIds, long padTokenId) {
        return new GenerationConfig(maxNewTokens, eosTokenIds, padTokenId, true);
    }

    /** The same settings with the KV cache switched on or off. */
    public GenerationConfig withCache(boolean cache) {
        return new GenerationConfig(maxNewTokens, eosTokenIds, padTokenId, cache);
    }
}
