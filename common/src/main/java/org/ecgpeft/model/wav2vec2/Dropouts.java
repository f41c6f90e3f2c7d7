package org.ecgpeft.model.wav2vec2;

/**
 * Dropout rates of a wav2vec2-family encoder, named as in HF's config: {@code hidden} after attention, FFN and
 * the positional embedding; {@code activation} inside the FFN; {@code attention} on attention probabilities;
 * {@code featProj} after the feature projection; {@code finalDropout} before a classification head;
 * {@code layerdrop} the probability of skipping a whole encoder layer while training.
 */
public record Dropouts(
        float hidden, float activation, float attention, float featProj, float finalDropout, float layerdrop) {

    /** Validates that every rate lies in [0, 1). */
    public Dropouts {
        check("hidden_dropout", hidden);
        check("activation_dropout", activation);
        check("attention_dropout", attention);
        check("feat_proj_dropout", featProj);
        check("final_dropout", finalDropout);
        check("layerdrop", layerdrop);
    }

    /** No dropout anywhere (inference, parity tests). */
    public static Dropouts none() {
        return new Dropouts(0f, 0f, 0f, 0f, 0f, 0f);
    }

    private static void check(String key, float rate) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException(key + " must be in [0, 1), got " + rate);
        }
    }
}
