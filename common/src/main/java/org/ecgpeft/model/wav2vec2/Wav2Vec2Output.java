package org.ecgpeft.model.wav2vec2;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * What the encoder returns, as HF's {@code BaseModelOutput}.
 *
 * @param hiddenStates HF's {@code hidden_states}: index 0 the encoder input after the positional convolution
 *     (and, post-LN, the encoder layer norm), then each layer's output
 * @param lastHiddenState the final output {@code [B, T, hidden]}: the last hidden state, with the encoder's final
 *     layer norm applied for pre-LN ("stable") models
 * @param frameMask {@code [B, T]} booleans, true for frames computed from real samples; null without an
 *     attention mask (every frame is real)
 */
public record Wav2Vec2Output(List<NDArray> hiddenStates, NDArray lastHiddenState, NDArray frameMask) {

    public Wav2Vec2Output {
        hiddenStates = List.copyOf(hiddenStates);
    }
}
