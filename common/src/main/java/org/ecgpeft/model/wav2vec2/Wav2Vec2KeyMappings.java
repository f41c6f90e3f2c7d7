package org.ecgpeft.model.wav2vec2;

import org.ecgpeft.tensor.KeyMapping;

/**
 * Checkpoint-name to module-name mappings for the wav2vec2 family.
 * <ul>
 * <li>HF checkpoints already use our names; legacy {@code weight_g}/{@code weight_v} become
 * {@code parametrizations.weight.original0/1}, and pre-training or other task heads are ignored.</li>
 * <li>fairseq-signals ECG transformers (ECG-FM) are renamed module by module, e.g.
 * {@code feature_extractor.conv_layers.0.0} (the conv of an {@code nn.Sequential}) to
 * {@code feature_extractor.conv_layers.0.conv}, {@code post_extract_proj} to {@code feature_projection.projection},
 * {@code self_attn_layer_norm} to {@code layer_norm}, {@code fc1}/{@code fc2} to the feed-forward's dense layers.</li>
 * </ul>
 */
final class Wav2Vec2KeyMappings {

    /** Heads of HF pre-training / CTC models that an encoder or sequence classifier does not own. */
    private static final String[] HF_TASK_HEADS = {
        "^quantizer\\.", "^project_q\\.", "^project_hid\\.", "^lm_head\\.", "^final_proj\\.", "^label_embs_concat$"
    };

    /** fairseq pre-training parts (quantizer, projections, mask embedding) with no counterpart in the encoder. */
    private static final String[] FAIRSEQ_PRETRAINING = {
        "^quantizer\\.", "^project_q\\.", "^final_proj\\.", "^mask_emb$", "^target_glu\\.", "^label_embs_concat$"
    };

    private Wav2Vec2KeyMappings() {}

    /**
     * HF keys into a bare encoder: the model-type prefix (a classifier or pre-training checkpoint) is stripped,
     * and classifier heads are ignored along with the pre-training heads.
     */
    static KeyMapping hfEncoder(Wav2Vec2Config config) {
        KeyMapping.Builder b = hfCommon(config).stripPrefix(config.modelType() + ".");
        b.ignore("^classifier\\.").ignore("^projector\\.").ignore("^layer_weights$");
        return b.build();
    }

    /** HF keys into a {@link Wav2Vec2ForSequenceClassification}: names kept, pre-training heads ignored. */
    static KeyMapping hfClassifier(Wav2Vec2Config config) {
        return hfCommon(config).build();
    }

    private static KeyMapping.Builder hfCommon(Wav2Vec2Config config) {
        KeyMapping.Builder b = KeyMapping.builder().weightNorm(KeyMapping.WeightNorm.TO_PARAMETRIZATIONS);
        for (String head : HF_TASK_HEADS) {
            b.ignore(head);
        }
        if (!config.maskedSpecEmbed()) {
            // Pre-training checkpoints carry it even when the config disables masking; HF then drops it too.
            b.ignore("(^|\\.)masked_spec_embed$");
        }
        return b;
    }

    /** fairseq-signals ECG transformer keys into a bare encoder. */
    static KeyMapping fairseqEncoder() {
        KeyMapping.Builder b = KeyMapping.builder().weightNorm(KeyMapping.WeightNorm.TO_PARAMETRIZATIONS);
        for (String part : FAIRSEQ_PRETRAINING) {
            b.ignore(part);
        }
        return b.rename("^feature_extractor\\.conv_layers\\.(\\d+)\\.0\\.", "feature_extractor.conv_layers.$1.conv.")
                // layer_norm mode: nn.Sequential(TransposeLast, Fp32LayerNorm, TransposeLast) at index 2.
                .rename(
                        "^feature_extractor\\.conv_layers\\.(\\d+)\\.2\\.1\\.",
                        "feature_extractor.conv_layers.$1.layer_norm.")
                .rename(
                        "^feature_extractor\\.conv_layers\\.(\\d+)\\.2\\.",
                        "feature_extractor.conv_layers.$1.layer_norm.")
                .rename("^layer_norm\\.", "feature_projection.layer_norm.")
                .rename("^post_extract_proj\\.", "feature_projection.projection.")
                // ECG-FM keeps the positional conv beside the encoder; fairseq's wav2vec2 inside it.
                .rename("^conv_pos\\.pos_conv\\.0\\.", "encoder.pos_conv_embed.conv.")
                .rename("^encoder\\.pos_conv\\.0\\.", "encoder.pos_conv_embed.conv.")
                .rename("\\.self_attn_layer_norm\\.", ".layer_norm.")
                .rename("\\.self_attn\\.", ".attention.")
                .rename("\\.fc1\\.", ".feed_forward.intermediate_dense.")
                .rename("\\.fc2\\.", ".feed_forward.output_dense.")
                .build();
    }
}
