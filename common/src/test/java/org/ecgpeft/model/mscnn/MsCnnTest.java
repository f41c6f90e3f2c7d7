package org.ecgpeft.model.mscnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class MsCnnTest {

    @Test
    void bothPresetsGiveA1024dFeatureAndTwoLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (MsCnnConfig c : List.of(MsCnnConfig.compact(7), MsCnnConfig.paper(9))) {
                MsCnn net = new MsCnn(c);
                net.materialize(m, DataType.FLOAT32, true);
                MsCnn.Output out = net.forward(m.randomNormal(new Shape(2, 1, 2400)), false);
                assertEquals(new Shape(2, 1024), out.features().getShape());
                assertEquals(new Shape(2, 2), out.logits().getShape());
            }
        }
    }

    @Test
    void parameterCountMatchesTheLayout() {
        MsCnnConfig c = new MsCnnConfig(64, 3, 5, List.of(4, 8), List.of(1, 2), 6, 0f, 2);
        long stream1 = (1 * 4 * 3) + 4 * 4 + (4 * 8 * 3) + 8 * 4 + (8 * 8 * 3) + 8 * 4;
        long stream2 = (1 * 4 * 5) + 4 * 4 + (4 * 8 * 5) + 8 * 4 + (8 * 8 * 5) + 8 * 4;
        long head = 16 * 6 + 6 + 6 * 2 + 2;
        assertEquals(stream1 + stream2 + head, new MsCnn(c).countParameters(false));
    }

    @Test
    void streamsDifferOnlyInKernelSizeAndNamesAreStable() {
        MsCnn net = new MsCnn(new MsCnnConfig(64, 3, 9, List.of(4, 8), List.of(1, 1), 6, 0f, 2));
        assertEquals(new Shape(4, 1, 3), net.declaredShape("stream1.blocks.0.0.conv.weight"));
        assertEquals(new Shape(4, 1, 9), net.declaredShape("stream2.blocks.0.0.conv.weight"));
        assertTrue(net.namedParameters().containsKey("stream2.blocks.1.0.bn.running_var"));
        assertTrue(net.namedParameters().containsKey("classifier.3.bias"));
    }

    @Test
    void evaluationIsDeterministicAndIndependentOfBatchComposition() {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager m = NDManager.newBaseManager()) {
            MsCnn net = new MsCnn(new MsCnnConfig(256, 3, 5, List.of(4, 8), List.of(1, 1), 6, 0.5f, 2));
            net.materialize(m, DataType.FLOAT32, true);
            NDArray x = m.randomNormal(new Shape(3, 1, 256));
            NDArray all = net.forward(x, false).logits();
            NDArray first = net.forward(x.get("0:1"), false).logits();
            assertTrue(all.get("0:1").sub(first).abs().max().getFloat() < 1e-5f);
        }
    }

    @Test
    void invalidConfigNamesTheKey() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new MsCnnConfig(2400, 3, 6, List.of(4), List.of(1), 6, 0f, 2));
        assertTrue(e.getMessage().contains("kernelStream2"), e.getMessage());
    }
}
