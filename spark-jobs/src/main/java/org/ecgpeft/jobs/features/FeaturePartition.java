package org.ecgpeft.jobs.features;

import org.apache.hadoop.conf.Configuration;
import org.ecgpeft.jobs.ml.BatchPartition;

/**
 * Encodes one partition in batches: each output row is the input row plus the feature vector (and, when asked,
 * the AF probability of the encoder's own head).
 */
final class FeaturePartition extends BatchPartition<FrozenEncoder> {
    private static final long serialVersionUID = 1L;

    private final boolean withProbability;

    FeaturePartition(
            String checkpoint,
            Configuration hadoop,
            String inputCol,
            int inputIndex,
            int batchSize,
            boolean withProbability) {
        super(checkpoint, hadoop, inputCol, inputIndex, batchSize);
        this.withProbability = withProbability;
    }

    @Override
    protected FrozenEncoder model() {
        return FrozenEncoder.of(checkpoint(), hadoop());
    }

    @Override
    protected int requiredLength(FrozenEncoder encoder) {
        return encoder.inputLength();
    }

    @Override
    protected Object[][] outputs(FrozenEncoder encoder, float[][] signals) {
        int n = signals.length;
        int length = encoder.inputLength();
        float[] windows = new float[n * length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(signals[i], 0, windows, i * length, length);
        }
        FrozenEncoder.Encoded encoded = encoder.encode(windows, n, withProbability);
        Object[][] out = new Object[n][];
        for (int i = 0; i < n; i++) {
            out[i] = withProbability
                    ? new Object[] {encoded.features()[i], encoded.afProbabilities()[i]}
                    : new Object[] {encoded.features()[i]};
        }
        return out;
    }
}
