package org.ecgpeft.peft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdaptersTest {

    private static final String LAYERS = "wav2vec2\\.encoder\\.layers\\.\\d+";

    private static TestNets.Classifier model(NDManager m) {
        Engine.getInstance().setRandomSeed(11);
        TestNets.Classifier c = new TestNets.Classifier(8, 4, 2);
        c.materialize(m, DataType.FLOAT32, true);
        return c;
    }

    private static AdapterConfig config(AdapterConfig.Style style, AdapterConfig.UpInit init, boolean ln) {
        return new AdapterConfig(style, 4, "relu", ln, init, List.of("projector", "classifier"));
    }

    @Test
    void houlsbyAddsTwoAdaptersPerLayerPfeifferOneAndOnlyAdaptersAndHeadTrain() {
        try (NDManager m = NDManager.newBaseManager()) {
            TestNets.Classifier h = model(m);
            Map<String, BottleneckAdapter> a =
                    Adapters.apply(h, config(AdapterConfig.Style.HOULSBY, AdapterConfig.UpInit.ZERO, false), LAYERS, 8);
            assertEquals(
                    List.of(
                            "wav2vec2.encoder.layers.0.adapter_attention",
                            "wav2vec2.encoder.layers.0.adapter_feed_forward",
                            "wav2vec2.encoder.layers.1.adapter_attention",
                            "wav2vec2.encoder.layers.1.adapter_feed_forward"),
                    List.copyOf(a.keySet()));
            // per adapter: down 8->2 (16 + 2), up 2->8 (16 + 8) = 42; head 36 + 10
            assertEquals(4 * 42 + 46, h.countParameters(true));
            h.trainableParameters()
                    .keySet()
                    .forEach(n -> assertTrue(n.contains(".adapter_") || !n.startsWith("wav2vec2"), n));

            TestNets.Classifier p = model(m);
            assertEquals(
                    2,
                    Adapters.apply(
                                    p,
                                    config(AdapterConfig.Style.PFEIFFER, AdapterConfig.UpInit.NORMAL, true),
                                    LAYERS,
                                    8)
                            .size());
        }
    }

    @Test
    void zeroUpInitIsTheIdentityAndNormalInitIsNearIt() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(2, 3, 8));
            float[] base = model(m).forward(x, false).toFloatArray();
            TestNets.Classifier zero = model(m);
            Adapters.apply(zero, config(AdapterConfig.Style.HOULSBY, AdapterConfig.UpInit.ZERO, true), LAYERS, 8);
            assertArrayEquals(base, zero.forward(x, false).toFloatArray(), 0f);
            TestNets.Classifier normal = model(m);
            Adapters.apply(normal, config(AdapterConfig.Style.HOULSBY, AdapterConfig.UpInit.NORMAL, false), LAYERS, 8);
            float[] near = normal.forward(x, false).toFloatArray();
            assertArrayEquals(base, near, 1e-2f);
            assertTrue(!java.util.Arrays.equals(base, near));
        }
    }

    @Test
    void adapterComputesResidualBottleneckByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            BottleneckAdapter a = new BottleneckAdapter(
                    2,
                    new AdapterConfig(AdapterConfig.Style.PFEIFFER, 2, "relu", false, AdapterConfig.UpInit.ZERO, null));
            a.materialize(m, DataType.FLOAT32, true);
            a.down().weight().getArray().set(new float[] {1, -1});
            a.down().bias().getArray().set(new float[] {0.5f});
            a.up().weight().getArray().set(new float[] {2, 3});
            a.up().bias().getArray().set(new float[] {0.1f, 0.2f});
            // h = (3, 1): down = 3 - 1 + 0.5 = 2.5, relu 2.5, up = (5.1, 7.7), out = (8.1, 8.7)
            NDArray h = m.create(new float[] {3, 1}, new Shape(1, 2));
            assertArrayEquals(new float[] {8.1f, 8.7f}, a.forward(h, false).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void patternMatchingNothingListsTheLayersWithSites() {
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> Adapters.apply(
                            model(m),
                            config(AdapterConfig.Style.PFEIFFER, AdapterConfig.UpInit.ZERO, false),
                            "encoder\\.layer\\.\\d+",
                            8));
            assertTrue(e.getMessage().contains("wav2vec2.encoder.layers.1"), e.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> new AdapterConfig(
                            AdapterConfig.Style.HOULSBY, 0, "relu", false, AdapterConfig.UpInit.ZERO, null));
        }
    }

    @Test
    void saveAndLoadRoundTrip(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            AdapterConfig cfg = config(AdapterConfig.Style.HOULSBY, AdapterConfig.UpInit.NORMAL, true);
            TestNets.Classifier a = model(m);
            Adapters.apply(a, cfg, LAYERS, 8);
            AdapterFiles.save(dir, a, cfg, LAYERS, 8);
            TestNets.Classifier b = model(m);
            AdapterFiles.Saved saved = AdapterFiles.load(dir, b);
            assertEquals(cfg, saved.config());
            assertEquals(LAYERS, saved.layerPattern());
            NDArray x = m.randomNormal(new Shape(2, 3, 8));
            assertArrayEquals(
                    a.forward(x, false).toFloatArray(), b.forward(x, false).toFloatArray(), 0f);
            assertTrue(TensorFiles.read(dir.resolve("adapter_model.safetensors"), m)
                    .containsKey("wav2vec2.encoder.layers.0.adapter_feed_forward.down.weight"));
            Path file = dir.resolve(AdapterFiles.CONFIG_FILE);
            String json = Files.readString(file);
            assertTrue(json.contains("\"style\" : \"houlsby\""), json);
            for (String[] bad : new String[][] {
                {
                    "\"style\" : \"houlsby\"",
                    "\"style\" : \"parallel\"",
                    "key \"style\": must be one of [houlsby, pfeiffer], got \"parallel\""
                },
                {"\"hidden_size\" : 8", "\"hidden_size\" : \"8\"", "key \"hidden_size\": expected an integer, got \"8\""
                },
                {"\"hidden_size\" : 8,", "", "missing key \"hidden_size\""},
                {"\"ln_before\"", "\"ln_befor\"", "unknown key \"ln_befor\" (known: ["},
                {"\"bottleneck\"", "\"lora\"", "key \"architecture\": must be \"bottleneck\", got \"lora\""}
            }) {
                assertTrue(json.contains(bad[0]), bad[0]);
                Files.writeString(file, json.replace(bad[0], bad[1]));
                String message = assertThrows(IllegalArgumentException.class, () -> AdapterFiles.readConfig(dir))
                        .getMessage();
                assertTrue(message.startsWith(file + ": " + bad[2]), message);
            }
        }
    }
}
