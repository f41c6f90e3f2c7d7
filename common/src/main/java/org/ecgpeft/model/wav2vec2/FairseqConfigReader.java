package org.ecgpeft.model.wav2vec2;

import java.util.Map;

/**
 * Reads the {@code cfg} of a fairseq-signals ECG transformer checkpoint (ECG-FM) into a {@link Wav2Vec2Config}.
 * Keys are fairseq's: {@code in_d}, {@code conv_feature_layers}, {@code encoder_embed_dim}, {@code encoder_layers},
 * {@code encoder_attention_heads}, {@code encoder_ffn_embed_dim}, {@code conv_pos}, {@code conv_pos_groups},
 * {@code layer_norm_first}, {@code extractor_mode}, {@code conv_bias}, the dropouts; absent keys take
 * fairseq-signals' defaults. Older checkpoints keep a flat argparse namespace instead of {@code cfg.model}.
 */
final class FairseqConfigReader {

    private FairseqConfigReader() {}

    static Wav2Vec2Config read(Map<String, Object> cfg) {
        Map<?, ?> m = cfg.get("model") instanceof Map<?, ?> model ? model : cfg;
        Map<?, ?> task = cfg.get("task") instanceof Map<?, ?> t ? t : Map.of();
        String mode = string(m, "extractor_mode", "default");
        if (!"default".equals(mode) && !"layer_norm".equals(mode)) {
            throw new IllegalArgumentException(
                    "cfg.model.extractor_mode must be 'default' or 'layer_norm', got " + mode);
        }
        Dropouts dropouts = new Dropouts(
                number(m, "dropout", 0.1).floatValue(),
                number(m, "activation_dropout", 0.0).floatValue(),
                number(m, "attention_dropout", 0.1).floatValue(),
                number(m, "dropout_input", 0.0).floatValue(),
                number(m, "final_dropout", 0.0).floatValue(),
                number(m, "encoder_layerdrop", 0.0).floatValue());
        int embed = number(m, "encoder_embed_dim", 768).intValue();
        return new Wav2Vec2Config(
                "ecg_fm",
                number(m, "in_d", 12).intValue(),
                ConvStack.parse(string(m, "conv_feature_layers", "[(256, 2, 2)] * 4")),
                bool(m, "conv_bias", false),
                "default".equals(mode) ? "group" : "layer",
                "gelu",
                true,
                embed,
                number(m, "encoder_layers", 12).intValue(),
                number(m, "encoder_attention_heads", 12).intValue(),
                number(m, "encoder_ffn_embed_dim", 3072).intValue(),
                string(m, "activation_fn", "gelu"),
                1e-5f,
                number(m, "conv_pos", 128).intValue(),
                number(m, "conv_pos_groups", 16).intValue(),
                bool(m, "layer_norm_first", false),
                false,
                false,
                embed,
                number(m, "num_labels", 2).intValue(),
                dropouts,
                number(task, "sample_rate", 500).intValue());
    }

    private static Number number(Map<?, ?> m, String key, Number fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException("cfg key '" + key + "' must be a number, got " + v);
    }

    private static boolean bool(Map<?, ?> m, String key, boolean fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("cfg key '" + key + "' must be a boolean, got " + v);
    }

    private static String string(Map<?, ?> m, String key, String fallback) {
        Object v = m.get(key);
        return v == null ? fallback : v.toString();
    }
}
