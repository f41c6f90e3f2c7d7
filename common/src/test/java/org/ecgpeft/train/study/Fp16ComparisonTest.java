package org.ecgpeft.train.study;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.ecgpeft.model.qwen3.Qwen3Config;
import org.junit.jupiter.api.Test;

/**
 * FP16 frozen bases track FP32 ones for every model family: on the tiny fixtures (their trained weights) and at the
 * real width cut to one layer (random init), the FP16 logits and trainable gradients are finite and within a stated
 * relative tolerance of FP32's.
 */
class Fp16ComparisonTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    /** Logits: FP16 rounds each weight and each Linear/convolution output to ~1e-3 relative; a few layers add up. */
    private static final double LOGITS_TOL = 2e-2;
    /** Gradients pass back through the FP16 layers as well. */
    private static final double GRADS_TOL = 5e-2;

    @Test
    void fixturesInFp16TrackFp32() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            check(
                    "wav2vec2-tiny",
                    Fp16Comparison.encoder(
                            Family.WAV2VEC2,
                            BaseSpec.pretrained(FIXTURES.resolve("wav2vec2-tiny/hf_safetensors")),
                            PeftMethod.LORA,
                            2,
                            4000,
                            m));
            check(
                    "hubert-tiny",
                    Fp16Comparison.encoder(
                            Family.HUBERT,
                            BaseSpec.pretrained(FIXTURES.resolve("hubert-tiny/hf_safetensors")),
                            PeftMethod.HOULSBY,
                            2,
                            4000,
                            m));
            check(
                    "ecgfm-tiny",
                    Fp16Comparison.encoder(
                            Family.ECGFM,
                            BaseSpec.pretrained(FIXTURES.resolve("ecgfm-tiny/checkpoint.pt")),
                            PeftMethod.LORA,
                            2,
                            1000,
                            m));
            check("qwen3-tiny", Fp16Comparison.qwen3(null, FIXTURES.resolve("qwen3-tiny/hf_safetensors"), 2, 12, m));
        }
    }

    @Test
    void realWidthsAtOneLayerInFp16TrackFp32() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            for (Family family : Family.values()) {
                int samples = family == Family.ECGFM ? 1000 : 4000;
                check(
                        family.key() + " (1 layer)",
                        Fp16Comparison.encoder(
                                family,
                                BaseSpec.randomInit(family.preset().withNumHiddenLayers(1)),
                                PeftMethod.LORA,
                                2,
                                samples,
                                m));
            }
            // Qwen3-8B's width (hidden 4096, MLP 12288, 32/8 heads) with a cut vocabulary, to stay small.
            Qwen3Config q = Qwen3Config.qwen3_8B();
            Qwen3Config cut = new Qwen3Config(
                    q.hiddenSize(),
                    q.intermediateSize(),
                    1,
                    q.numAttentionHeads(),
                    q.numKeyValueHeads(),
                    q.headDim(),
                    q.rmsNormEps(),
                    q.ropeTheta(),
                    q.maxPositionEmbeddings(),
                    2048,
                    false,
                    false);
            check("qwen3-8b (1 layer, vocab 2048)", Fp16Comparison.qwen3(cut, null, 1, 16, m));
        }
    }

    private static void check(String where, Fp16Comparison.Difference d) {
        assertTrue(d.finite(), where + ": FP16 overflowed: " + d);
        assertTrue(d.logitsMaxRel() <= LOGITS_TOL, where + ": logits " + d);
        assertTrue(d.gradsMaxRel() <= GRADS_TOL, where + ": gradients " + d);
    }
}
