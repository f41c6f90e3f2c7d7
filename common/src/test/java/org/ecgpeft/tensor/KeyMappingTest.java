package org.ecgpeft.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyMappingTest {

    @Test
    void identityKeepsKeys() {
        assertEquals(Optional.of("a.b.weight"), KeyMapping.identity().map("a.b.weight"));
    }

    @Test
    void stepsApplyInDocumentedOrder() {
        KeyMapping mapping = KeyMapping.builder()
                .ignore("^quantizer\\.")
                .stripPrefix("wav2vec2.")
                .stripPrefix("w2v_encoder.w2v_model.")
                .weightNorm(KeyMapping.WeightNorm.TO_PARAMETRIZATIONS)
                .rename("\\.self_attn\\.", ".attention.")
                .addPrefix("encoder.")
                .build();
        assertEquals(Optional.empty(), mapping.map("quantizer.codevectors"));
        assertMaps(mapping, "wav2vec2.layers.0.self_attn.q_proj.weight", "encoder.layers.0.attention.q_proj.weight");
        assertMaps(
                mapping,
                "w2v_encoder.w2v_model.layers.0.self_attn.k_proj.bias",
                "encoder.layers.0.attention.k_proj.bias");
        assertMaps(
                mapping,
                "wav2vec2.pos_conv_embed.conv.weight_g",
                "encoder.pos_conv_embed.conv.parametrizations.weight.original0");
        assertMaps(
                mapping,
                "pos_conv_embed.conv.weight_v",
                "encoder.pos_conv_embed.conv.parametrizations.weight.original1");
        // Only a whole "weight_g" segment is renamed.
        assertMaps(mapping, "my_weight_g", "encoder.my_weight_g");
    }

    @Test
    void parametrizationsToLegacy() {
        KeyMapping mapping =
                KeyMapping.builder().weightNorm(KeyMapping.WeightNorm.TO_LEGACY).build();
        assertMaps(mapping, "conv_pos.pos_conv.0.parametrizations.weight.original0", "conv_pos.pos_conv.0.weight_g");
        assertMaps(mapping, "conv_pos.pos_conv.0.parametrizations.weight.original1", "conv_pos.pos_conv.0.weight_v");
        assertMaps(mapping, "conv.weight", "conv.weight");
    }

    @Test
    void regexRulesUseGroups() {
        KeyMapping mapping = KeyMapping.builder()
                .rename("^layers\\.(\\d+)\\.", "encoder.layers.$1.")
                .build();
        assertMaps(mapping, "layers.11.fc1.weight", "encoder.layers.11.fc1.weight");
    }

    @Test
    void emptyStripPrefixIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeyMapping.builder().stripPrefix(""));
    }

    private static void assertMaps(KeyMapping mapping, String key, String expected) {
        assertEquals(Optional.of(expected), mapping.map(key), key);
    }
}
