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
        assertEquals(
                Optional.of("encoder.layers.0.attention.q_proj.weight"),
                mapping.map("wav2vec2.layers.0.self_attn.q_proj.weight"));
        assertEquals(
                Optional.of("encoder.layers.0.attention.k_proj.bias"),
                mapping.map("w2v_encoder.w2v_model.layers.0.self_attn.k_proj.bias"));
        assertEquals(
                Optional.of("encoder.pos_conv_embed.conv.parametrizations.weight.original0"),
                mapping.map("wav2vec2.pos_conv_embed.conv.weight_g"));
        assertEquals(
                Optional.of("encoder.pos_conv_embed.conv.parametrizations.weight.original1"),
                mapping.map("pos_conv_embed.conv.weight_v"));
        // Only a whole "weight_g" segment is renamed.
        assertEquals(Optional.of("encoder.my_weight_g"), mapping.map("my_weight_g"));
    }

    @Test
    void parametrizationsToLegacy() {
        KeyMapping mapping =
                KeyMapping.builder().weightNorm(KeyMapping.WeightNorm.TO_LEGACY).build();
        assertEquals(
                Optional.of("conv_pos.pos_conv.0.weight_g"),
                mapping.map("conv_pos.pos_conv.0.parametrizations.weight.original0"));
        assertEquals(
                Optional.of("conv_pos.pos_conv.0.weight_v"),
                mapping.map("conv_pos.pos_conv.0.parametrizations.weight.original1"));
        assertEquals(Optional.of("conv.weight"), mapping.map("conv.weight"));
    }

    @Test
    void regexRulesUseGroups() {
        KeyMapping mapping = KeyMapping.builder()
                .rename("^layers\\.(\\d+)\\.", "encoder.layers.$1.")
                .build();
        assertEquals(Optional.of("encoder.layers.11.fc1.weight"), mapping.map("layers.11.fc1.weight"));
    }

    @Test
    void emptyStripPrefixIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeyMapping.builder().stripPrefix(""));
    }
}
