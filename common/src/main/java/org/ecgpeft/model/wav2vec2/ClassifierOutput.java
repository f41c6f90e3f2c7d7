package org.ecgpeft.model.wav2vec2;

import ai.djl.ndarray.NDArray;

/**
 * A classification head's result.
 *
 * @param logits {@code [B, num_labels]}
 * @param encoder the encoder output the head pooled
 */
public record ClassifierOutput(NDArray logits, Wav2Vec2Output encoder) {}
