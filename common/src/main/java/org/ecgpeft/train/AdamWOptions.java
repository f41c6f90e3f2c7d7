package org.ecgpeft.train;

/**
 * AdamW hyper-parameters (PyTorch's {@code torch.optim.AdamW} names and defaults except weight decay).
 *
 * @param beta1 first-moment decay
 * @param beta2 second-moment decay
 * @param eps denominator term
 * @param weightDecay decoupled weight decay
 * @param decayBiasesAndNorms whether biases and normalisation weights decay too (off by default, as HF's Trainer)
 */
public record AdamWOptions(double beta1, double beta2, double eps, double weightDecay, boolean decayBiasesAndNorms) {

    public AdamWOptions {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("eps must be positive, got " + eps);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight_decay must be >= 0, got " + weightDecay);
        }
    }

    /** PyTorch's defaults (0.9, 0.999, 1e-8) with the given weight decay, biases and norms excluded. */
    public static AdamWOptions withWeightDecay(double weightDecay) {
        return new AdamWOptions(0.9, 0.999, 1e-8, weightDecay, false);
    }
}
