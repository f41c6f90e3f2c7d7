package org.ecgpeft.model.wav2vec2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Turns a sample-level attention mask {@code [B, L]} (1 = real sample) into a frame-level mask {@code [B, T]}
 * as HF's {@code _get_feature_vector_attention_mask}: the number of real samples goes through every conv layer's
 * {@code floor((n - kernel) / stride) + 1}, and the first that many frames are real.
 */
final class FrameMask {

    private FrameMask() {}

    static NDArray fromAttentionMask(NDArray attentionMask, Wav2Vec2Config config, long frames) {
        NDArray lengths = attentionMask.toType(DataType.FLOAT32, false).sum(new int[] {1});
        for (int i = 0; i < config.convKernel().size(); i++) {
            lengths = lengths.sub(config.convKernel().get(i))
                    .div(config.convStride().get(i))
                    .floor()
                    .add(1);
        }
        NDArray positions = attentionMask
                .getManager()
                .arange(0f, (float) frames, 1f, DataType.FLOAT32)
                .toDevice(lengths.getDevice(), false);
        return positions.expandDims(0).lt(lengths.expandDims(1));
    }
}
