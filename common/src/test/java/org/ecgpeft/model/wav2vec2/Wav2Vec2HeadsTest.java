package org.ecgpeft.model.wav2vec2;

import static org.ecgpeft.model.wav2vec2.Wav2Vec2ModelTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The heads' pooling and projections recomputed by hand from the encoder output. */
class Wav2Vec2HeadsTest {

    @Test
    void ecgFmHeadIsALinearLayerOnTheMeanOverRealFrames() {
        try (NDManager m = NDManager.newBaseManager()) {
            Wav2Vec2Config config = new TinyConfig()
                    .modelType("ecg_fm")
                    .inChannels(12)
                    .conv(ConvStack.parse("[(16, 2, 2)] * 4"))
                    .featExtractNorm("layer")
                    .classifierProjSize(32)
                    .numLabels(3)
                    .samplingRate(500)
                    .build();
            EcgFmForSequenceClassification head = new EcgFmForSequenceClassification(config);
            head.materialize(m, DataType.FLOAT32, true);
            assertEquals("ecg_fm.", head.basePrefix());
            assertTrue(head.namedParameters().containsKey("ecg_fm.encoder.layers.1.feed_forward.output_dense.weight"));
            Map<String, Parameter> p = head.namedParameters();

            NDArray x = m.randomNormal(new Shape(2, 12, 400));
            ClassifierOutput out = head.classify(x, null, false);
            NDArray pooled = out.encoder().lastHiddenState().mean(new int[] {1});
            NDArray expected = linear(pooled, p.get("classifier.weight"), p.get("classifier.bias"));
            assertEquals(new Shape(2, 3), out.logits().getShape());
            assertClose(expected, out.logits(), 1e-5f, "ecg-fm logits");

            // The second record padded from 304 samples (19 frames) to 400 pools only its real frames.
            NDArray mask = m.ones(new Shape(2, 400));
            mask.set(new NDIndex("1, 304:"), 0f);
            NDArray shortAlone = head.classify(x.get(new NDIndex("1:2, :, :304")), null, false)
                    .logits();
            assertClose(shortAlone, head.classify(x, mask, false).logits().get(new NDIndex("1:2")), 1e-4f, "padded");
        }
    }

    @Test
    void weightedLayerSumPoolsTheSoftmaxWeightedHiddenStates() {
        try (NDManager m = NDManager.newBaseManager()) {
            Wav2Vec2Config config = new TinyConfig().useWeightedLayerSum(true).build();
            Wav2Vec2ForSequenceClassification head = new Wav2Vec2ForSequenceClassification(config);
            head.materialize(m, DataType.FLOAT32, true);
            Map<String, Parameter> p = head.namedParameters();
            p.get("layer_weights").getArray().set(new float[] {0f, (float) Math.log(2), (float) Math.log(5)});

            NDArray x = m.randomNormal(new Shape(2, 600));
            ClassifierOutput out = head.classify(x, null, false);
            List<NDArray> hs = out.encoder().hiddenStates();
            NDArray mixed = hs.get(0)
                    .mul(1f / 8)
                    .add(hs.get(1).mul(2f / 8))
                    .add(hs.get(2).mul(5f / 8));
            NDArray projected = linear(mixed, p.get("projector.weight"), p.get("projector.bias"));
            NDArray expected =
                    linear(projected.mean(new int[] {1}), p.get("classifier.weight"), p.get("classifier.bias"));
            assertClose(expected, out.logits(), 1e-5f, "weighted layer sum logits");
        }
    }

    @Test
    void aForwardPassLeavesNothingOnTheWeightsManager() {
        try (NDManager weights = NDManager.newBaseManager();
                NDManager step = NDManager.newBaseManager()) {
            Wav2Vec2Config config = new TinyConfig()
                    .maskedSpecEmbed(true)
                    .useWeightedLayerSum(true)
                    .dropouts(new Dropouts(0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f))
                    .build();
            Wav2Vec2ForSequenceClassification head = new Wav2Vec2ForSequenceClassification(config);
            head.materialize(weights, DataType.FLOAT32, true);
            int before = weights.getManagedArrays().size();
            NDArray mask = step.ones(new Shape(2, 600));
            mask.set(new NDIndex("1, 500:"), 0f);
            for (boolean training : new boolean[] {false, true}) {
                head.classify(step.randomNormal(new Shape(2, 600)), mask, training);
                assertEquals(before, weights.getManagedArrays().size(), "arrays left on the weights' manager");
            }
        }
    }

    @Test
    void gradientsReachEveryParameterThroughHeadEncoderAndWeightNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            Wav2Vec2ForSequenceClassification head = new Wav2Vec2ForSequenceClassification(new TinyConfig()
                    .dropouts(new Dropouts(0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0f))
                    .build());
            head.materialize(m, DataType.FLOAT32, true);
            NDArray mask = m.ones(new Shape(2, 600));
            mask.set(new NDIndex("1, 450:"), 0f);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = head.classify(m.randomNormal(new Shape(2, 600)), mask, true)
                        .logits();
                collector.backward(
                        logits.logSoftmax(-1).get(new NDIndex(":, 0")).mean().neg());
            }
            for (Map.Entry<String, Parameter> e : head.namedParameters().entrySet()) {
                float norm = e.getValue().getArray().getGradient().abs().sum().getFloat();
                assertTrue(norm > 0f && Float.isFinite(norm), e.getKey() + " gradient norm " + norm);
            }
        }
    }

    private static NDArray linear(NDArray x, Parameter weight, Parameter bias) {
        return x.matMul(weight.getArray().transpose()).add(bias.getArray());
    }
}
