package org.ecgpeft.train.llm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.ecgpeft.config.Json;

/**
 * ECG-LLM training settings (HF Trainer meanings).
 *
 * @param epochs passes over the training features
 * @param batchSize rows per micro-batch (one forward/backward)
 * @param accumulationSteps micro-batches per optimizer step (effective batch = batchSize x this)
 * @param learningRate peak learning rate of the linear warm-up/decay schedule
 * @param warmupSteps warm-up in optimizer steps (capped at the run's total steps)
 * @param weightDecay AdamW decoupled weight decay (biases and norms excluded)
 * @param maxGradNorm global-norm clipping threshold; 0 disables clipping
 * @param seed data order and dropout seed
 * @param logEvery log progress (and record a curve point) every this many optimizer steps
 * @param evalBatchSize rows per generation batch when answering
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
    "epochs",
    "batch_size",
    "gradient_accumulation_steps",
    "learning_rate",
    "warmup_steps",
    "weight_decay",
    "max_grad_norm",
    "seed",
    "log_every",
    "eval_batch_size"
})
public record LlmTrainingConfig(
        int epochs,
        int batchSize,
        @JsonProperty("gradient_accumulation_steps") int accumulationSteps,
        double learningRate,
        int warmupSteps,
        double weightDecay,
        double maxGradNorm,
        long seed,
        int logEvery,
        int evalBatchSize) {

    public LlmTrainingConfig {
        positive(epochs, "epochs");
        positive(batchSize, "batch_size");
        positive(accumulationSteps, "gradient_accumulation_steps");
        positive(logEvery, "log_every");
        positive(evalBatchSize, "eval_batch_size");
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning_rate must be a positive number, got " + learningRate);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmup_steps must be >= 0, got " + warmupSteps);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight_decay must be >= 0, got " + weightDecay);
        }
        if (!(maxGradNorm >= 0)) {
            throw new IllegalArgumentException("max_grad_norm must be >= 0, got " + maxGradNorm);
        }
    }

    /** The study's settings: 3 epochs, batch 4, accumulation 4, lr 1e-4, 100 warm-up steps, clip 1.0. */
    public static LlmTrainingConfig defaults() {
        return new LlmTrainingConfig(3, 4, 4, 1e-4, 100, 0.0, 1.0, 42, 10, 16);
    }

    /** The settings as JSON (snake_case keys), stored with each checkpoint. */
    public JsonNode toJson() {
        return Json.OWN.toTree(this);
    }

    private static void positive(int value, String key) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
    }
}
