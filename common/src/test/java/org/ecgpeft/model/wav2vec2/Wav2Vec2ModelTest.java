package org.ecgpeft.model.wav2vec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.ecgpeft.model.nn.SublayerAdapter;
import org.junit.jupiter.api.Test;

class Wav2Vec2ModelTest {

    /** A tiny post-LN or pre-LN config; the layer-norm feature extractor keeps padded and unpadded runs equal. */
    static Wav2Vec2Config tiny(boolean stable, String featNorm, int inChannels, Dropouts dropouts) {
        return new TinyConfig()
                .inChannels(inChannels)
                .featExtractNorm(featNorm)
                .doStableLayerNorm(stable)
                .dropouts(dropouts)
                .build();
    }

    @Test
    void parameterNamesAreExactlyThoseOfTheHfCheckpoints() throws IOException {
        for (String fixture : List.of("wav2vec2-tiny", "wav2vec2-tiny-stable", "hubert-tiny")) {
            Path folder = Wav2Vec2ConfigTest.FIXTURES.resolve(fixture).resolve("hf_safetensors");
            Wav2Vec2Config config = Wav2Vec2Config.fromHfConfig(folder.resolve("config.json"));
            Set<String> ours = new TreeSet<>(new Wav2Vec2ForSequenceClassification(config)
                    .namedParameters()
                    .keySet());
            assertEquals(safetensorsNames(folder.resolve("model.safetensors")), ours, fixture);
        }
    }

    @Test
    void oddLengthsAndSingleItemBatchesGiveTheConvFrameCount() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (boolean stable : new boolean[] {false, true}) {
                Wav2Vec2Config config = tiny(stable, stable ? "layer" : "group", 1, Dropouts.none());
                Wav2Vec2Model model = new Wav2Vec2Model(config);
                model.materialize(m, DataType.FLOAT32, true);
                for (int length : new int[] {50, 401, 777}) {
                    Wav2Vec2Output out = model.forward(m.randomNormal(new Shape(1, length)), null, false);
                    assertEquals(3, out.hiddenStates().size());
                    assertEquals(
                            new Shape(1, config.framesFor(length), 32),
                            out.lastHiddenState().getShape());
                    assertTrue(Float.isFinite(out.lastHiddenState().abs().sum().getFloat()));
                }
            }
        }
    }

    @Test
    void paddedBatchMatchesEachUnpaddedInputOnItsRealFrames() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (boolean stable : new boolean[] {false, true}) {
                Wav2Vec2Config config = tiny(stable, "layer", 1, Dropouts.none());
                Wav2Vec2ForSequenceClassification model = new Wav2Vec2ForSequenceClassification(config);
                model.materialize(m, DataType.FLOAT32, true);
                int full = 800;
                int shorter = 613;
                NDArray a = m.randomNormal(new Shape(1, full));
                NDArray b = m.randomNormal(new Shape(1, shorter));
                NDArray batch = a.concat(b.concat(m.zeros(new Shape(1, full - shorter)), 1), 0);
                NDArray mask = m.ones(new Shape(2, full), DataType.INT64);
                mask.set(new NDIndex("1, " + shorter + ":"), 0);

                ClassifierOutput padded = model.classify(batch, mask, false);
                ClassifierOutput alone = model.classify(b, null, false);
                ClassifierOutput first = model.classify(a, null, false);
                long frames = config.framesFor(shorter);
                assertEquals(
                        (float) frames,
                        padded.encoder()
                                .frameMask()
                                .get(1)
                                .toType(DataType.FLOAT32, false)
                                .sum()
                                .getFloat());
                for (int i = 0; i < 3; i++) {
                    NDArray real = padded.encoder().hiddenStates().get(i).get(new NDIndex("1:2, :" + frames));
                    assertClose(alone.encoder().hiddenStates().get(i), real, 1e-4f, "stable=" + stable + " state " + i);
                    assertClose(
                            first.encoder().hiddenStates().get(i),
                            padded.encoder().hiddenStates().get(i).get(new NDIndex("0:1")),
                            1e-4f,
                            "unpadded item");
                }
                assertClose(alone.logits(), padded.logits().get(new NDIndex("1:2")), 1e-4f, "logits");
                assertClose(first.logits(), padded.logits().get(new NDIndex("0:1")), 1e-4f, "logits");
            }
        }
    }

    @Test
    void multiChannelInputAndShapeErrors() {
        try (NDManager m = NDManager.newBaseManager()) {
            Wav2Vec2Model ecg = new Wav2Vec2Model(tiny(false, "group", 12, Dropouts.none()));
            ecg.materialize(m, DataType.FLOAT32, true);
            assertEquals(
                    new Shape(2, 39, 32),
                    ecg.forward(m.randomNormal(new Shape(2, 12, 800)), null, false)
                            .lastHiddenState()
                            .getShape());
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> ecg.forward(m.randomNormal(new Shape(2, 800)), null, false));
            assertTrue(e.getMessage().contains("[batch, 12, samples]"), e.getMessage());
            e = assertThrows(
                    IllegalArgumentException.class,
                    () -> ecg.forward(m.randomNormal(new Shape(2, 12, 20)), null, false));
            assertTrue(e.getMessage().contains("shorter than one frame"), e.getMessage());
            e = assertThrows(
                    IllegalArgumentException.class,
                    () -> ecg.forward(m.randomNormal(new Shape(2, 12, 800)), m.ones(new Shape(2, 799)), false));
            assertTrue(e.getMessage().contains("attention_mask"), e.getMessage());
        }
    }

    @Test
    void dropoutsActOnlyWhileTraining() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            Wav2Vec2Model model =
                    new Wav2Vec2Model(tiny(false, "group", 1, new Dropouts(0.3f, 0.3f, 0.3f, 0.3f, 0f, 0f)));
            model.materialize(m, DataType.FLOAT32, true);
            NDArray x = m.randomNormal(new Shape(2, 400));
            NDArray eval1 = model.forward(x, null, false).lastHiddenState();
            assertClose(eval1, model.forward(x, null, false).lastHiddenState(), 0f, "eval is deterministic");
            NDArray train1 = model.forward(x, null, true).lastHiddenState();
            NDArray train2 = model.forward(x, null, true).lastHiddenState();
            assertTrue(train1.sub(train2).abs().max().getFloat() > 1e-3f, "training dropout must vary");
            assertTrue(train1.sub(eval1).abs().max().getFloat() > 1e-3f, "training differs from eval");
        }
    }

    @Test
    void layerDropSkipsWholeLayersWhileTraining() {
        try (NDManager m = NDManager.newBaseManager()) {
            Wav2Vec2Model model = new Wav2Vec2Model(tiny(false, "group", 1, new Dropouts(0f, 0f, 0f, 0f, 0f, 0.5f)));
            model.materialize(m, DataType.FLOAT32, true);
            model.seedLayerDrop(3);
            NDArray x = m.randomNormal(new Shape(1, 400));
            int skipped = 0;
            for (int run = 0; run < 8; run++) {
                List<NDArray> hs = model.forward(x, null, true).hiddenStates();
                for (int i = 0; i < 2; i++) {
                    if (hs.get(i).sub(hs.get(i + 1)).abs().max().getFloat() == 0f) {
                        skipped++;
                    }
                }
            }
            assertTrue(skipped > 0 && skipped < 16, "layer drop 0.5 skipped " + skipped + " of 16 layer runs");
            List<NDArray> hs = model.forward(x, null, false).hiddenStates();
            assertTrue(hs.get(1).sub(hs.get(2)).abs().max().getFloat() > 0f, "no layer drop at evaluation");
        }
    }

    /** Scales the sub-layer output: identity at 1, so a wrong placement or a missing call changes the result. */
    static final class Scale extends SublayerAdapter {
        private final float factor;

        Scale(float factor) {
            this.factor = factor;
        }

        @Override
        public NDArray forward(NDArray h, boolean training) {
            return h.mul(factor);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            return new NDList(forward(in.singletonOrThrow(), training));
        }
    }

    @Test
    void adaptersSitOnAttentionAndFeedForwardOutputs() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (boolean stable : new boolean[] {false, true}) {
                Wav2Vec2Model model = new Wav2Vec2Model(tiny(stable, "layer", 1, Dropouts.none()));
                model.materialize(m, DataType.FLOAT32, true);
                NDArray x = m.randomNormal(new Shape(1, 400));
                NDArray before = model.forward(x, null, false).lastHiddenState();
                EncoderLayer layer = model.layers().get(1);
                assertEquals(Set.of("attention", "feed_forward"), layer.adapterSites());
                layer.attachAdapter("attention", new Scale(1f));
                assertClose(before, model.forward(x, null, false).lastHiddenState(), 0f, "identity adapter");
                model.layers().get(0).attachAdapter("feed_forward", new Scale(0f));
                NDArray after = model.forward(x, null, false).lastHiddenState();
                assertTrue(
                        before.sub(after).abs().max().getFloat() > 1e-3f, "a zeroing adapter must change the output");
            }
        }
    }

    static void assertClose(NDArray expected, NDArray actual, float tol, String what) {
        assertEquals(expected.getShape(), actual.getShape(), what + " shape");
        float diff = expected.sub(actual).abs().max().getFloat();
        assertTrue(diff <= tol, what + ": max |diff| " + diff + " > " + tol);
    }

    static Set<String> safetensorsNames(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        JsonNode header =
                new ObjectMapper().readTree(new String(bytes, 8, (int) n, java.nio.charset.StandardCharsets.UTF_8));
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = header.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals("__metadata__")) {
                names.add(name);
            }
        }
        return names;
    }
}
