package org.ecgpeft.train.study;

import java.nio.file.Path;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;

/**
 * Where a run's frozen base comes from: pretrained weights ({@code "checkpoint"}: an HF model folder or a
 * fairseq {@code .pt}) or a randomly initialised architecture ({@code "tiny"}: for local runs and tests).
 * Exactly one is given.
 *
 * @param checkpoint the pretrained weights, or null
 * @param tiny the architecture to initialise randomly, or null
 */
public record BaseSpec(Path checkpoint, Wav2Vec2Config tiny) {

    public BaseSpec {
        if ((checkpoint == null) == (tiny == null)) {
            throw new IllegalArgumentException(
                    "give exactly one of 'checkpoint' (pretrained weights) and 'tiny' " + "(a random-init config)");
        }
    }

    public static BaseSpec pretrained(Path checkpoint) {
        return new BaseSpec(checkpoint, null);
    }

    public static BaseSpec randomInit(Wav2Vec2Config config) {
        return new BaseSpec(null, config);
    }

    public boolean isPretrained() {
        return checkpoint != null;
    }
}
