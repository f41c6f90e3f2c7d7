package org.ecgpeft.train;

/**
 * Training-loop settings.
 *
 * @param epochs maximum number of epochs
 * @param batchSize segments per micro-batch (one forward/backward)
 * @param accumulationSteps micro-batches per optimizer step (effective batch = batchSize x this)
 * @param learningRate peak learning rate
 * @param optimizer AdamW options (betas, eps, weight decay)
 * @param schedule decay after warm-up
 * @param warmupRatio fraction of all optimizer steps used for linear warm-up, in [0, 1)
 * @param maxGradNorm global-norm clipping threshold; 0 disables clipping
 * @param classWeighting weight the loss by balanced class weights computed on the training split
 * @param oversample oversample the minority class in each epoch
 * @param patience early-stopping patience in epochs on validation F1; 0 disables it
 * @param seed seed of the data order and of dropout
 * @param logEvery log progress every this many optimizer steps
 * @param evalBatchSize batch size for validation
 */
public record TrainerConfig(
        int epochs,
        int batchSize,
        int accumulationSteps,
        double learningRate,
        AdamWOptions optimizer,
        LrSchedule.Kind schedule,
        double warmupRatio,
        double maxGradNorm,
        boolean classWeighting,
        boolean oversample,
        int patience,
        long seed,
        int logEvery,
        int evalBatchSize) {

    public TrainerConfig {
        requirePositive(epochs, "epochs");
        requirePositive(batchSize, "batch_size");
        requirePositive(accumulationSteps, "accumulation_steps");
        requirePositive(logEvery, "log_every");
        requirePositive(evalBatchSize, "eval_batch_size");
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning_rate must be positive, got " + learningRate);
        }
        if (optimizer == null || schedule == null) {
            throw new IllegalArgumentException("optimizer and schedule must be given");
        }
        if (!(warmupRatio >= 0 && warmupRatio < 1)) {
            throw new IllegalArgumentException("warmup_ratio must be in [0, 1), got " + warmupRatio);
        }
        if (!(maxGradNorm >= 0)) {
            throw new IllegalArgumentException("max_grad_norm must be >= 0, got " + maxGradNorm);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        }
    }

    /** Defaults for PEFT runs: AdamW wd 0.01, linear decay, 10% warm-up, clip 1.0, class weighting, patience 3. */
    public static TrainerConfig defaults(int epochs, int batchSize, double learningRate, long seed) {
        return new TrainerConfig(
                epochs,
                batchSize,
                1,
                learningRate,
                AdamWOptions.withWeightDecay(0.01),
                LrSchedule.Kind.LINEAR,
                0.1,
                1.0,
                true,
                false,
                3,
                seed,
                50,
                Math.max(batchSize, 32));
    }

    private static void requirePositive(int value, String key) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
    }
}
