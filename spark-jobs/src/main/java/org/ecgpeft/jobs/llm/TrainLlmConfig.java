package org.ecgpeft.jobs.llm;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.Optional;
import org.ecgpeft.ecgllm.EcgLlmConfig;
import org.ecgpeft.train.llm.LlmTrainingConfig;

/**
 * Validated settings of the train-llm job.
 *
 * @param tablesRoot       the Delta table root
 * @param encoderRun       MS-CNN run whose features are used (empty: the newest mscnn run)
 * @param dataVersion      data version of the features (empty: the encoder's training data)
 * @param model            a Qwen3 model folder, or empty with {@code tiny}
 * @param tiny             train a tiny random-init Qwen3 (the local CPU proof) instead of a real model
 * @param tokenizer        folder of {@code tokenizer.json} (the model folder when empty and not tiny)
 * @param dtype            dtype of the frozen base weights (FP32, or FP16 on a GPU)
 * @param llm              LoRA, projector and prompt settings (its feature width is taken from the data)
 * @param training         optimiser and schedule settings
 * @param validateEachEpoch answer the validation rows after every epoch (curve points)
 * @param trainRows        which training rows to use (a seeded subset for quick runs, or all)
 */
public record TrainLlmConfig(
        String tablesRoot,
        Optional<String> encoderRun,
        Optional<String> dataVersion,
        Optional<Path> model,
        boolean tiny,
        Optional<Path> tokenizer,
        DataType dtype,
        EcgLlmConfig llm,
        LlmTrainingConfig training,
        boolean validateEachEpoch,
        TrainRowSubset trainRows) {
    /** Validates the settings, naming the option at fault. */
    public TrainLlmConfig {
        if (tablesRoot == null || tablesRoot.isBlank()) {
            throw new IllegalArgumentException("--tables must name a table root");
        }
        if (tiny == model.isPresent()) {
            throw new IllegalArgumentException("give exactly one of --model DIR and --tiny");
        }
        if (tiny && tokenizer.isEmpty()) {
            throw new IllegalArgumentException("--tiny needs --tokenizer DIR (a folder with the Qwen3 tokenizer.json)");
        }
        if (trainRows == null) {
            throw new IllegalArgumentException("the training row selection must be given");
        }
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT16) {
            throw new IllegalArgumentException("--dtype must be fp32 or fp16, got " + dtype);
        }
    }

    /** The tokenizer folder: the given one, else the model folder. */
    public Path tokenizerDir() {
        return tokenizer.orElseGet(model::orElseThrow);
    }
}
