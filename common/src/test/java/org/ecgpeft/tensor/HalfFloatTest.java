package org.ecgpeft.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HalfFloatTest {

    @Test
    void knownBitPatterns() {
        assertEquals((short) 0x3c00, HalfFloat.fromFloat(1f));
        assertEquals((short) 0xc000, HalfFloat.fromFloat(-2f));
        assertEquals((short) 0x7bff, HalfFloat.fromFloat(65504f));
        assertEquals((short) 0x7c00, HalfFloat.fromFloat(65520f)); // rounds up to infinity
        assertEquals((short) 0x0001, HalfFloat.fromFloat(0x1p-24f)); // smallest subnormal
        assertEquals((short) 0x0000, HalfFloat.fromFloat(0x1p-26f));
        assertEquals((short) 0x3c00, HalfFloat.fromFloat(1f + 0x1p-11f)); // tie to even (down)
        assertEquals((short) 0x3c02, HalfFloat.fromFloat(1f + 3 * 0x1p-11f)); // tie to even (up)
        assertEquals(1f, HalfFloat.toFloat((short) 0x3c00));
        assertEquals(0x1p-24f, HalfFloat.toFloat((short) 0x0001));
        assertEquals(Float.NEGATIVE_INFINITY, HalfFloat.toFloat((short) 0xfc00));
        assertEquals(1.5f, HalfFloat.bf16ToFloat((short) 0x3fc0));
    }

    @Test
    void everyHalfRoundTrips() {
        for (int bits = 0; bits < 0x10000; bits++) {
            if ((bits & 0x7c00) == 0x7c00 && (bits & 0x3ff) != 0) {
                continue; // NaN payloads need not survive
            }
            assertEquals((short) bits, HalfFloat.fromFloat(HalfFloat.toFloat((short) bits)), "bits " + bits);
        }
    }

    @Test
    void narrowingMatchesLibtorch() {
        Random random = new Random(7);
        float[] values = new float[10_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(12) - 7));
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray half = manager.create(values).toType(DataType.FLOAT16, false);
            ByteBuffer torchBits = half.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                assertEquals(torchBits.getShort(), HalfFloat.fromFloat(v), "value " + v);
            }
        }
    }
}
