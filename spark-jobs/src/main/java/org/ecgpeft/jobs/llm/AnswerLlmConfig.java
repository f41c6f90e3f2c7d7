package org.ecgpeft.jobs.llm;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Validated settings of the answer-llm job.
 *
 * @param tablesRoot    the Delta table root
 * @param runId         the ECG-LLM run to answer with (empty: the newest {@code qwen3-ecgllm} run)
 * @param split         the split of the run's features to answer: train, val or test
 * @param model         the Qwen3 base model folder (empty: the base recorded in the checkpoint)
 * @param tokenizer     folder of {@code tokenizer.json} (empty: the base model folder)
 * @param dtype         FP32 or FP16 frozen base weights (empty: what the run trained with)
 * @param evalBatchSize rows per generation batch
 */
public record AnswerLlmConfig(
        String tablesRoot,
        Optional<String> runId,
        String split,
        Optional<Path> model,
        Optional<Path> tokenizer,
        Optional<DataType> dtype,
        int evalBatchSize) {
    private static final Set<String> SPLITS = Set.of("train", "val", "test");

    /** Validates the settings, naming the option at fault. */
    public AnswerLlmConfig {
        if (tablesRoot == null || tablesRoot.isBlank()) {
            throw new IllegalArgumentException("--tables must name a table root");
        }
        if (!SPLITS.contains(split)) {
            throw new IllegalArgumentException("--split must be train, val or test, got '" + split + "'");
        }
        if (dtype.isPresent() && dtype.get() != DataType.FLOAT32 && dtype.get() != DataType.FLOAT16) {
            throw new IllegalArgumentException("--dtype must be fp32 or fp16, got " + dtype.get());
        }
        if (evalBatchSize < 1) {
            throw new IllegalArgumentException("--eval-batch-size must be >= 1, got " + evalBatchSize);
        }
    }
}
