package org.ecgpeft.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.Map;
import org.ecgpeft.peft.LoraLinear;
import org.ecgpeft.peft.StateCopy;

/** The model-level checks beyond the fixtures that every architecture's tests share. */
public final class ModelChecks {

    private ModelChecks() {}

    /** Every value finite, and a second run gave the very same numbers. */
    public static void assertFiniteAndRepeatable(float[] first, float[] second, String where) {
        for (float v : first) {
            assertTrue(Float.isFinite(v), where + ": non-finite output");
        }
        assertArrayEquals(first, second, 0f, where + ": second run differs");
    }

    /** Every array of both maps finite, and the second map the same names with the very same values. */
    public static void assertFiniteAndRepeatable(
            Map<String, float[]> first, Map<String, float[]> second, String where) {
        assertEquals(first.keySet(), second.keySet(), where);
        for (Map.Entry<String, float[]> e : first.entrySet()) {
            assertFiniteAndRepeatable(e.getValue(), second.get(e.getKey()), where + ": " + e.getKey());
        }
    }

    /** Gives every LoRA B factor N(0, std) values, so the (zero-initialised) branches change the output. */
    public static void randomizeLoraB(Map<String, LoraLinear> loras, NDManager m, float std) {
        for (LoraLinear l : loras.values()) {
            NDArray w = l.loraB().weight().getArray();
            StateCopy.copy("lora_B", m.randomNormal(0, std, w.getShape(), DataType.FLOAT32), w);
        }
    }

    /** max |actual - expected| / max(1, max |expected|) within {@code tol}. */
    public static void assertClose(float[] expected, double[] actual, double tol, String what) {
        double[] e = new double[expected.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = expected[i];
        }
        double d = Float64Ops.deviation(actual, e);
        assertTrue(d <= tol, what + ": deviation " + d);
    }

    /** Materialises {@code copy} (built like {@code source}) in float64 on {@code m} with {@code source}'s weights. */
    public static <M extends Module> M float64Copy(M copy, Module source, NDManager m) {
        copy.materialize(m, DataType.FLOAT64, false);
        Map<String, Parameter> weights = source.namedParameters();
        for (Map.Entry<String, Parameter> e : copy.namedParameters().entrySet()) {
            NDArray from = weights.get(e.getKey()).getArray().toType(DataType.FLOAT64, false);
            StateCopy.copy(e.getKey(), from, e.getValue().getArray());
        }
        return copy;
    }
}
