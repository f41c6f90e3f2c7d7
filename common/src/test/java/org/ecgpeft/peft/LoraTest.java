package org.ecgpeft.peft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ecgpeft.model.nn.Linear;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoraTest {

    private static final LoraConfig QKVO = LoraConfig.of(
            4, 8, 0.0, List.of("q_proj", "k_proj", "v_proj", "out_proj"), List.of("projector", "classifier"));

    private static TestNets.Classifier model(NDManager m, DataType dtype) {
        Engine.getInstance().setRandomSeed(7);
        TestNets.Classifier c = new TestNets.Classifier(8, 4, 2);
        c.materialize(m, dtype, true);
        return c;
    }

    private static void randomizeB(Map<String, LoraLinear> loras, NDManager m) {
        for (LoraLinear l : loras.values()) {
            NDArray w = l.loraB().weight().getArray();
            StateCopy.copy("B", m.randomNormal(0, 0.5f, w.getShape(), DataType.FLOAT32), w);
        }
    }

    @Test
    void freshAdapterLeavesOutputsUnchangedAndOnlyLoraAndHeadTrain() {
        try (NDManager m = NDManager.newBaseManager()) {
            TestNets.Classifier c = model(m, DataType.FLOAT32);
            NDArray x = m.randomNormal(new Shape(3, 5, 8));
            float[] before = c.forward(x, false).toFloatArray();
            Map<String, LoraLinear> loras = Lora.apply(c, QKVO);
            assertEquals(8, loras.size());
            assertEquals(
                    "wav2vec2.encoder.layers.0.attention.q_proj",
                    loras.keySet().iterator().next());
            assertArrayEquals(before, c.forward(x, false).toFloatArray(), 0f);
            for (String name : c.trainableParameters().keySet()) {
                assertTrue(
                        name.contains(".lora_") || name.startsWith("projector.") || name.startsWith("classifier."),
                        name);
            }
            // 8 layers x (A 4x8 + B 8x4) + projector 8*4+4 + classifier 4*2+2
            assertEquals(8 * 64 + 36 + 10, c.countParameters(true));
            assertFalse(c.trainableParameters().containsKey("wav2vec2.encoder.layers.0.feed_forward.weight"));
        }
    }

    @Test
    void branchComputesScaleTimesBAxAndRsloraScalesBySqrtR() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear lin = new Linear(2, 1, false);
            lin.materialize(m, DataType.FLOAT32, false);
            LoraLinear lora = new LoraLinear(lin, 1, 8.0 / 1, 0.0);
            lin.attach(lora);
            lora.loraA().weight().getArray().set(new float[] {1, 2});
            lora.loraB().weight().getArray().set(new float[] {3});
            NDArray x = m.create(new float[] {1, 1}, new Shape(1, 2));
            assertArrayEquals(new float[] {8 * 3 * 3}, lin.forward(x, false).toFloatArray(), 1e-6f);
            LoraConfig rs = new LoraConfig(4, 8, 0, List.of("x"), null, true, null, "none", null, null, null);
            assertEquals(4.0, rs.scale(), 1e-12);
            assertEquals(2.0, QKVO.scale(), 1e-12);
        }
    }

    @Test
    void mergedForwardEqualsUnmergedAndUnmergeRestoresTheWeight() {
        try (NDManager m = NDManager.newBaseManager()) {
            TestNets.Classifier c = model(m, DataType.FLOAT32);
            Map<String, LoraLinear> loras = Lora.apply(c, QKVO);
            randomizeB(loras, m);
            NDArray x = m.randomNormal(new Shape(2, 3, 8));
            float[] unmerged = c.forward(x, false).toFloatArray();
            float[] w0 = c.layers[0].q.weight().getArray().toFloatArray();
            Lora.merge(c);
            assertTrue(loras.values().iterator().next().isMerged());
            assertFalse(java.util.Arrays.equals(
                    w0, c.layers[0].q.weight().getArray().toFloatArray()));
            assertArrayEquals(unmerged, c.forward(x, false).toFloatArray(), 1e-5f);
            Lora.unmerge(c);
            assertArrayEquals(w0, c.layers[0].q.weight().getArray().toFloatArray(), 1e-6f);
            assertArrayEquals(unmerged, c.forward(x, false).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void branchStaysFp32OverFp16BaseWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            TestNets.Classifier c = model(m, DataType.FLOAT16);
            Map<String, LoraLinear> loras = Lora.apply(c, QKVO);
            LoraLinear q = loras.values().iterator().next();
            assertEquals(DataType.FLOAT32, q.loraA().weight().getArray().getDataType());
            assertEquals(DataType.FLOAT16, c.layers[0].q.weight().getArray().getDataType());
            NDArray x = m.randomNormal(new Shape(2, 8)).toType(DataType.FLOAT16, false);
            assertEquals(DataType.FLOAT16, q.forward(x, false).getDataType());
            randomizeB(loras, m);
            NDArray x32 = m.randomNormal(new Shape(2, 8));
            float[] unmerged = c.layers[0].q.forward(x32, false).toFloatArray();
            Lora.merge(c);
            assertArrayEquals(unmerged, c.layers[0].q.forward(x32, false).toFloatArray(), 2e-2f);
        }
    }

    @Test
    void noMatchingTargetListsCandidatesAndUnknownSavedModuleFails() {
        try (NDManager m = NDManager.newBaseManager()) {
            TestNets.Classifier c = model(m, DataType.FLOAT32);
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> Lora.apply(c, LoraConfig.of(4, 8, 0, List.of("query"), null)));
            assertTrue(e.getMessage().contains("wav2vec2.encoder.layers.0.attention.q_proj"), e.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> Lora.apply(c, LoraConfig.of(4, 8, 0, List.of("q_proj"), List.of("head"))));
            // A regex must match the whole name, as peft's re.fullmatch.
            LoraConfig regex = new LoraConfig(
                    2, 4, 0, null, ".*layers\\.1\\.attention\\.(q|v)_proj", false, null, "none", null, null, null);
            assertEquals(
                    List.of("wav2vec2.encoder.layers.1.attention.q_proj", "wav2vec2.encoder.layers.1.attention.v_proj"),
                    List.copyOf(Lora.apply(c, regex).keySet()));
        }
    }

    @Test
    void configIsValidatedNamingTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LoraConfig.of(0, 8, 0, List.of("q"), null))
                .getMessage()
                .startsWith("r "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LoraConfig.of(4, 8, 1.0, List.of("q"), null))
                .getMessage()
                .startsWith("lora_dropout"));
        assertThrows(IllegalArgumentException.class, () -> LoraConfig.of(4, 8, 0, List.of(), null));
        assertThrows(
                IllegalArgumentException.class,
                () -> new LoraConfig(4, 8, 0, List.of("q"), null, false, null, "all", null, null, null));
    }

    @Test
    void saveAndLoadRoundTripsWeightsInPeftLayout(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            TestNets.Classifier a = model(m, DataType.FLOAT32);
            randomizeB(Lora.apply(a, QKVO), m);
            LoraAdapterFiles.save(dir, a, QKVO);
            Map<String, NDArray> saved = TensorFiles.read(dir.resolve("adapter_model.safetensors"), m);
            assertTrue(
                    saved.containsKey("base_model.model.wav2vec2.encoder.layers.1.attention.out_proj.lora_B.weight"));
            assertTrue(saved.containsKey("base_model.model.classifier.bias"));
            assertEquals(8 * 2 + 4, saved.size());

            TestNets.Classifier b = model(m, DataType.FLOAT32);
            b.projector.weight().getArray().set(new float[32]);
            LoraConfig loaded = LoraAdapterFiles.load(dir, b);
            assertEquals(QKVO, loaded);
            NDArray x = m.randomNormal(new Shape(2, 3, 8));
            assertArrayEquals(
                    a.forward(x, false).toFloatArray(), b.forward(x, false).toFloatArray(), 0f);
            assertEquals(
                    a.trainableParameters().keySet(), b.trainableParameters().keySet());
        }
    }
}
