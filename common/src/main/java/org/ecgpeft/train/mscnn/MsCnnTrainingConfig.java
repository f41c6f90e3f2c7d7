package org.ecgpeft.train.mscnn;

import org.ecgpeft.model.mscnn.MsCnnConfig;
import org.ecgpeft.train.AdamWOptions;
import org.ecgpeft.train.LrSchedule;
import org.ecgpeft.train.TrainerConfig;

/**
 * Settings of an MS-CNN encoder training run on whole records.
 *
 * @param model the network (its {@code inputLength} is the crop and evaluation window length)
 * @param sampleRateHz rate of the records (300 Hz for CinC 2017)
 * @param epochs maximum epochs (one random crop per training record each)
 * @param batchSize crops per optimizer step
 * @param learningRate peak AdamW learning rate
 * @param weightDecay AdamW decoupled weight decay
 * @param warmupRatio share of the steps for linear warm-up, then cosine decay
 * @param balance how the AF minority is balanced
 * @param patience early-stopping patience in epochs on validation F1 (0: off)
 * @param evalStride samples between evaluation window starts
 * @param evalBatchSize windows per evaluation batch
 * @param evaluateTrain also evaluate the training split at the end (costs a pass over all its windows)
 * @param seed seed of the split, the initial weights, the crops, the data order and dropout
 * @param logEvery progress line every this many steps
 */
public record MsCnnTrainingConfig(
        MsCnnConfig model,
        double sampleRateHz,
        int epochs,
        int batchSize,
        double learningRate,
        double weightDecay,
        double warmupRatio,
        Balance balance,
        int patience,
        int evalStride,
        int evalBatchSize,
        boolean evaluateTrain,
        long seed,
        int logEvery) {

    /** Class balancing of the training loss. */
    public enum Balance {
        /** AF records drawn with replacement up to the normal count each epoch. */
        OVERSAMPLE,
        /** Balanced class weights in the cross-entropy. */
        CLASS_WEIGHTS
    }

    public MsCnnTrainingConfig {
        if (model == null || balance == null) {
            throw new IllegalArgumentException("model and balance must be given");
        }
        if (!(sampleRateHz > 0)) {
            throw new IllegalArgumentException("sample_rate must be positive, got " + sampleRateHz);
        }
        if (evalStride < 1) {
            throw new IllegalArgumentException("eval_stride must be >= 1, got " + evalStride);
        }
        // The remaining keys are validated, under their names, by the trainer config.
        toTrainerConfig(
                epochs,
                batchSize,
                learningRate,
                weightDecay,
                warmupRatio,
                balance,
                patience,
                evalBatchSize,
                seed,
                logEvery);
    }

    /** The study's defaults around a model: 300 Hz, cosine schedule with 5% warm-up, stride half a window. */
    public static MsCnnTrainingConfig defaults(
            MsCnnConfig model, int epochs, int batchSize, double learningRate, Balance balance, long seed) {
        return new MsCnnTrainingConfig(
                model,
                300,
                epochs,
                batchSize,
                learningRate,
                1e-4,
                0.05,
                balance,
                5,
                Math.max(1, model.inputLength() / 2),
                128,
                true,
                seed,
                20);
    }

    /** The generic trainer's settings for this run. */
    public TrainerConfig trainerConfig() {
        return toTrainerConfig(
                epochs,
                batchSize,
                learningRate,
                weightDecay,
                warmupRatio,
                balance,
                patience,
                evalBatchSize,
                seed,
                logEvery);
    }

    private static TrainerConfig toTrainerConfig(
            int epochs,
            int batchSize,
            double learningRate,
            double weightDecay,
            double warmupRatio,
            Balance balance,
            int patience,
            int evalBatchSize,
            long seed,
            int logEvery) {
        // AdamW leaves biases out of the decay; a clip at 5 only guards against the odd exploding early step.
        AdamWOptions adamW = new AdamWOptions(0.9, 0.999, 1e-8, weightDecay, false);
        return new TrainerConfig(
                epochs,
                batchSize,
                1,
                learningRate,
                adamW,
                LrSchedule.Kind.COSINE,
                warmupRatio,
                5.0,
                balance == Balance.CLASS_WEIGHTS,
                balance == Balance.OVERSAMPLE,
                patience,
                seed,
                logEvery,
                evalBatchSize);
    }
}
