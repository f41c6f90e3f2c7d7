package org.ecgpeft.model.qwen3;

import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Estimated GPU memory for LoRA fine-tuning a Qwen3 causal LM, printed before training so an
 * out-of-memory configuration is spotted before the first step. All terms are arithmetic from the config:
 * <pre>
 * weights     = P_base * bytes(weightType)                       frozen base, FP16 or FP32
 * lora        = P_lora * 16                                      FP32 A/B + gradient + AdamW m and v
 *               P_lora = layers * sum over targets r * (in + out)
 * activations = B * T * layers * a * (6 H + 5 q + 5 kv + 4 I + 2 n_heads T)
 *               kept for backward per token and layer (a = bytes(activationType), FP32 here): layer input,
 *               both norm outputs, o/down outputs, residual (6 H); q projection, q_norm, RoPE output and
 *               rotate_half temporary, attention context (5 q, q = n_heads * head_dim); the same for k and
 *               v (5 kv, kv = n_kv_heads * head_dim); gate, up, silu, product (4 I); scores and
 *               probabilities over T keys per head (2 n_heads T)
 * logits      = 3 * B * T * vocab * 4                            FP32 logits, log-softmax, their gradient
 * runtime     = 1 GiB                                            CUDA context, cuBLAS workspace
 * </pre>
 * LoRA's own rank-r intermediates are negligible next to these and left out; allocator fragmentation is
 * not modelled, which is why the total is an estimate, not a bound.
 */
public record Qwen3MemoryBudget(
        Qwen3Config config,
        DataType weightType,
        int loraRank,
        Set<String> loraTargets,
        int batchSize,
        int seqLen,
        DataType activationType) {

    /** The seven linear projections of a Qwen3 decoder layer that LoRA can target. */
    public static final List<String> PROJECTIONS =
            List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

    static final long RUNTIME_BYTES = 1L << 30;
    private static final double GIB = 1024.0 * 1024 * 1024;

    public Qwen3MemoryBudget {
        if (weightType != DataType.FLOAT16 && weightType != DataType.FLOAT32) {
            throw new IllegalArgumentException("weight dtype must be FLOAT16 or FLOAT32, got " + weightType);
        }
        if (activationType != DataType.FLOAT16 && activationType != DataType.FLOAT32) {
            throw new IllegalArgumentException("activation dtype must be FLOAT16 or FLOAT32, got " + activationType);
        }
        if (loraRank < 0) {
            throw new IllegalArgumentException("lora rank must be >= 0, got " + loraRank);
        }
        loraTargets = Set.copyOf(loraTargets);
        for (String t : loraTargets) {
            if (!PROJECTIONS.contains(t)) {
                throw new IllegalArgumentException(
                        "unknown LoRA target '" + t + "' (Qwen3 projections: " + PROJECTIONS + ")");
            }
        }
        if (batchSize <= 0 || seqLen <= 0) {
            throw new IllegalArgumentException(
                    "batch size and sequence length must be positive, got " + batchSize + " x " + seqLen);
        }
    }

    /** LoRA of rank {@code r} on all seven projections, FP32 activations. */
    public static Qwen3MemoryBudget allProjections(Qwen3Config config, DataType weightType, int r, int batch, int seq) {
        return new Qwen3MemoryBudget(config, weightType, r, Set.copyOf(PROJECTIONS), batch, seq, DataType.FLOAT32);
    }

    /** Scalar parameters of the base model (lm_head counted only when untied). */
    public long baseParameters() {
        Qwen3Config c = config;
        long h = c.hiddenSize();
        long q = (long) c.numAttentionHeads() * c.headDim();
        long kv = (long) c.numKeyValueHeads() * c.headDim();
        long attention = h * q + 2 * h * kv + q * h + 2L * c.headDim();
        if (c.attentionBias()) {
            attention += q + 2 * kv + h;
        }
        long layer = attention + 3 * h * c.intermediateSize() + 2 * h;
        long embeddings = (long) c.vocabSize() * h * (c.tieWordEmbeddings() ? 1 : 2);
        return embeddings + c.numHiddenLayers() * layer + h;
    }

    /** LoRA A and B parameters: {@code r * (in + out)} per targeted projection and layer. */
    public long loraParameters() {
        long perLayer = 0;
        for (String t : loraTargets) {
            long[] io = inOut(t);
            perLayer += (long) loraRank * (io[0] + io[1]);
        }
        return perLayer * config.numHiddenLayers();
    }

    private long[] inOut(String projection) {
        long h = config.hiddenSize();
        long q = (long) config.numAttentionHeads() * config.headDim();
        long kv = (long) config.numKeyValueHeads() * config.headDim();
        long i = config.intermediateSize();
        switch (projection) {
            case "q_proj":
                return new long[] {h, q};
            case "k_proj":
            case "v_proj":
                return new long[] {h, kv};
            case "o_proj":
                return new long[] {q, h};
            case "gate_proj":
            case "up_proj":
                return new long[] {h, i};
            case "down_proj":
                return new long[] {i, h};
            default:
                throw new IllegalStateException(projection);
        }
    }

    public long weightBytes() {
        return baseParameters() * weightType.getNumOfBytes();
    }

    /** FP32 LoRA weights, gradients and both AdamW moments: 16 bytes per trainable parameter. */
    public long loraBytes() {
        return loraParameters() * 16;
    }

    public long activationBytes() {
        Qwen3Config c = config;
        long h = c.hiddenSize();
        long q = (long) c.numAttentionHeads() * c.headDim();
        long kv = (long) c.numKeyValueHeads() * c.headDim();
        long perToken = 6 * h + 5 * q + 5 * kv + 4L * c.intermediateSize() + 2L * c.numAttentionHeads() * seqLen;
        return (long) batchSize * seqLen * c.numHiddenLayers() * perToken * activationType.getNumOfBytes();
    }

    public long logitsBytes() {
        return 3L * batchSize * seqLen * config.vocabSize() * 4;
    }

    public long totalBytes() {
        return weightBytes() + loraBytes() + activationBytes() + logitsBytes() + RUNTIME_BYTES;
    }

    /** One line per term, for the training log. */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "Qwen3 memory estimate (%d layers, hidden %d, batch %d x %d tokens):%n"
                        + "  base weights   %,d params x %s = %.2f GiB%n"
                        + "  LoRA r=%d      %,d params (%d targets), fp32 + grad + AdamW = %.2f GiB%n"
                        + "  activations    %s = %.2f GiB%n"
                        + "  logits         %.2f GiB%n"
                        + "  runtime        %.2f GiB%n"
                        + "  total          %.2f GiB (%.1f GB)",
                config.numHiddenLayers(),
                config.hiddenSize(),
                batchSize,
                seqLen,
                baseParameters(),
                weightType,
                weightBytes() / GIB,
                loraRank,
                loraParameters(),
                loraTargets.size(),
                loraBytes() / GIB,
                activationType,
                activationBytes() / GIB,
                logitsBytes() / GIB,
                RUNTIME_BYTES / GIB,
                totalBytes() / GIB,
                totalBytes() / 1e9);
    }
}
