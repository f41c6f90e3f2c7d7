package org.ecgpeft.model.wav2vec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Wav2Vec2ConfigTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @Test
    void convStackParsesFairseqExpressions() {
        ConvStack w2v = ConvStack.parse("[(512, 10, 5)] + [(512, 3, 2)] * 4 + [(512,2,2)] * 2");
        assertEquals(List.of(10, 3, 3, 3, 3, 2, 2), w2v.kernels());
        assertEquals(List.of(5, 2, 2, 2, 2, 2, 2), w2v.strides());
        assertEquals(List.of(512, 512, 512, 512, 512, 512, 512), w2v.dims());
        ConvStack ecg = ConvStack.parse("[(16, 2, 2), (16, 2, 2), (32, 3, 1)]");
        assertEquals(List.of(16, 16, 32), ecg.dims());
        assertEquals(List.of(2, 2, 3), ecg.kernels());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConvStack.parse("[(512, 10)]"));
        assertTrue(e.getMessage().contains("conv_feature_layers"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConvStack.parse("[(1, 2, 3)] * x"));
    }

    @Test
    void presetsCountThePublishedParameters() {
        // facebook/wav2vec2-base: Wav2Vec2Model.num_parameters() in HF (masked_spec_embed included).
        assertEquals(94_371_712L, new Wav2Vec2Model(Wav2Vec2Config.wav2vec2Base()).countParameters(false));
        assertEquals(94_371_712L, new Wav2Vec2Model(Wav2Vec2Config.hubertBaseLs960()).countParameters(false));
        // ECG-FM encoder: 4 convs of 256 (12 input leads) + group norm, projection 256->768, pos conv, 12 layers.
        assertEquals(90_373_248L, new Wav2Vec2Model(Wav2Vec2Config.ecgFm()).countParameters(false));
    }

    @Test
    void framesFollowTheConvArithmetic() {
        Wav2Vec2Config base = Wav2Vec2Config.wav2vec2Base();
        assertEquals(320, base.totalStride());
        assertEquals(99, base.framesFor(32_000));
        assertEquals(1, base.framesFor(600));
        assertEquals(0, base.framesFor(399));
        assertEquals(156, Wav2Vec2Config.ecgFm().framesFor(2_500));
    }

    @Test
    void readsTheHfFixtureConfigs() throws IOException {
        Wav2Vec2Config c = Wav2Vec2Config.fromHfConfig(FIXTURES.resolve("wav2vec2-tiny/hf_safetensors/config.json"));
        assertEquals("wav2vec2", c.modelType());
        assertEquals(List.of(16, 16, 16), c.convDim());
        assertEquals(List.of(10, 3, 3), c.convKernel());
        assertEquals("group", c.featExtractNorm());
        assertFalse(c.doStableLayerNorm());
        assertFalse(c.maskedSpecEmbed());
        assertEquals(32, c.hiddenSize());
        assertEquals(16, c.classifierProjSize());
        assertEquals(2, c.numLabels());
        assertEquals(16_000, c.samplingRate());
        Wav2Vec2Config stable =
                Wav2Vec2Config.fromHfConfig(FIXTURES.resolve("wav2vec2-tiny-stable/hf_safetensors/config.json"));
        assertTrue(stable.doStableLayerNorm());
        assertEquals("layer", stable.featExtractNorm());
        assertEquals(
                "hubert",
                Wav2Vec2Config.fromHfConfig(FIXTURES.resolve("hubert-tiny/hf_safetensors/config.json"))
                        .modelType());
    }

    @Test
    void badHfConfigsNameTheFileAndKey(@TempDir Path dir) throws IOException {
        Path cfg = dir.resolve("config.json");
        Files.writeString(cfg, "{\"model_type\": \"wav2vec2\", \"hidden_size\": 30, \"num_attention_heads\": 4}");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Wav2Vec2Config.fromHfConfig(cfg));
        assertTrue(
                e.getMessage().contains(cfg.toString()) && e.getMessage().contains("num_attention_heads"),
                e.getMessage());
        Files.writeString(cfg, "{\"model_type\": \"bert\"}");
        e = assertThrows(IllegalArgumentException.class, () -> Wav2Vec2Config.fromHfConfig(cfg));
        assertTrue(e.getMessage().contains("model_type"), e.getMessage());
        for (String[] bad : new String[][] {
            {"{\"hidden_size\": 32}", "missing key \"model_type\""},
            {
                "{\"model_type\": \"hubert\", \"hidden_size\": \"32\"}",
                "key \"hidden_size\": expected an integer, got \"32\""
            },
            {
                "{\"model_type\": \"hubert\", \"conv_dim\": [32, 32.5]}",
                "key \"conv_dim[1]\": expected an integer, got 32.5"
            },
            {
                "{\"model_type\": \"hubert\", \"add_adapter\": true}",
                "key \"add_adapter\": true (HF's output adapter) is not supported"
            },
            {
                "{\"model_type\": \"hubert\", \"conv_pos_batch_norm\": true}",
                "key \"conv_pos_batch_norm\": true is not supported"
            }
        }) {
            Files.writeString(cfg, bad[0]);
            assertEquals(
                    cfg + ": " + bad[1],
                    assertThrows(IllegalArgumentException.class, () -> Wav2Vec2Config.fromHfConfig(cfg))
                            .getMessage());
        }
        // Keys HF has and we do not use are ignored; absent ones take HF's defaults.
        Files.writeString(
                cfg,
                "{\"model_type\": \"hubert\", \"vocab_size\": 32, \"hidden_size\": 48, \"num_attention_heads\": 4}");
        Wav2Vec2Config defaults = Wav2Vec2Config.fromHfConfig(cfg);
        assertEquals(48, defaults.hiddenSize());
        assertEquals(List.of(512, 512, 512, 512, 512, 512, 512), defaults.convDim());
        assertEquals(128, defaults.numConvPosEmbeddings());
        assertEquals(16000, defaults.samplingRate());
        assertTrue(defaults.maskedSpecEmbed());
        assertThrows(IOException.class, () -> Wav2Vec2Config.fromHfConfig(dir.resolve("missing.json")));
    }

    @Test
    void readsAFairseqCfgWithDefaultsForAbsentKeys() {
        Map<String, Object> model = Map.of(
                "_name",
                "ecg_transformer",
                "in_d",
                12,
                "conv_feature_layers",
                "[(16, 2, 2)] * 4",
                "encoder_embed_dim",
                32,
                "encoder_layers",
                2,
                "encoder_attention_heads",
                4,
                "encoder_ffn_embed_dim",
                64,
                "conv_pos",
                16,
                "conv_pos_groups",
                4,
                "layer_norm_first",
                false);
        Wav2Vec2Config c = Wav2Vec2Config.fromFairseqCfg(Map.of("model", model));
        assertEquals("ecg_fm", c.modelType());
        assertEquals(12, c.inChannels());
        assertEquals(List.of(2, 2, 2, 2), c.convKernel());
        assertEquals("group", c.featExtractNorm());
        assertEquals(500, c.samplingRate());
        assertEquals(16, c.totalStride());
        Map<String, Object> layerMode = new java.util.HashMap<>(model);
        layerMode.put("extractor_mode", "layer_norm");
        layerMode.put("layer_norm_first", true);
        Wav2Vec2Config pre = Wav2Vec2Config.fromFairseqCfg(Map.of("model", layerMode));
        assertEquals("layer", pre.featExtractNorm());
        assertTrue(pre.doStableLayerNorm());
        layerMode.put("encoder_layers", "two");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Wav2Vec2Config.fromFairseqCfg(Map.of("model", layerMode)));
        assertTrue(e.getMessage().contains("encoder_layers"), e.getMessage());
    }

    @Test
    void invalidDropoutIsRefusedByName() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Dropouts(0.1f, 0f, 0f, 0f, 0f, 1.5f));
        assertTrue(e.getMessage().contains("layerdrop"), e.getMessage());
    }
}
