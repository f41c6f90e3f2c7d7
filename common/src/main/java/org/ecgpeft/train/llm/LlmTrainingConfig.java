package org.ecgpeft.train.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
public record LlmTrainingConfig(
        int epochs,
        int batchSize,
        int accumulationSteps,
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
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode n = mapper.createObjectNode();
        n.put("epochs", epochs);
        n.put("batch_size", batchSize);
        n.put("gradient_accumulation_steps", accumulationSteps);
        n.put("learning_rate", learningRate);
        n.put("warmup_steps", warmupSteps);
        n.put("weight_decay", weightDecay);
        n.put("max_grad_norm", maxGradNorm);
        n.put("seed", seed);
        n.put("log_every", logEvery);
        n.put("eval_batch_size", evalBatchSize);
        return n;
    }

    private static void positive(int value, String key) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
    }
}
