package org.ecgpeft.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** Dtype casts keep the gradient that DJL's own toType drops, and round as toType does. */
class CastsTest {

    @Test
    void gradientFlowsThroughAnFp16RoundTripAndAnFp16Linear() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1f, -2f, 0.5f, 3f}, new Shape(2, 2));
            x.setRequiresGradient(true);
            Linear frozen = new Linear(2, 3, false);
            frozen.setTrainable(false);
            frozen.materialize(m, DataType.FLOAT32, DataType.FLOAT16, true);
            assertEquals(DataType.FLOAT16, frozen.weight().getArray().getDataType());
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray half = Casts.to(x.mul(2f), DataType.FLOAT16);
                assertEquals(DataType.FLOAT16, half.getDataType());
                NDArray back = Casts.to(half, DataType.FLOAT32);
                NDArray y = frozen.forward(back, true);
                assertEquals(DataType.FLOAT32, y.getDataType());
                gc.backward(y.sum());
            }
            // d/dx sum(2x W^T) = 2 * column sums of W, per row of x.
            float[] w =
                    frozen.weight().getArray().toType(DataType.FLOAT32, false).toFloatArray();
            float c0 = 2 * (w[0] + w[2] + w[4]);
            float c1 = 2 * (w[1] + w[3] + w[5]);
            assertArrayEquals(new float[] {c0, c1, c0, c1}, x.getGradient().toFloatArray(), 1e-2f);
        }
    }

    @Test
    void outsideGradModeACastIsToType() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1.0001f, 65504f, 1e-8f});
            assertArrayEquals(
                    x.toType(DataType.FLOAT16, false)
                            .toType(DataType.FLOAT32, false)
                            .toFloatArray(),
                    Casts.to(Casts.to(x, DataType.FLOAT16), DataType.FLOAT32).toFloatArray());
        }
    }
}
