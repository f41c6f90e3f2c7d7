package org.ecgpeft.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WindowingTest {

    private static float[] ramp(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    @Test
    void nonOverlappingWithTailPolicies() {
        float[] x = ramp(7);
        List<float[]> zero = Windowing.windows(x, WindowSpec.nonOverlapping(3, PadPolicy.ZERO_PAD));
        assertEquals(3, zero.size());
        assertArrayEquals(new float[] {1, 2, 3}, zero.get(0));
        assertArrayEquals(new float[] {4, 5, 6}, zero.get(1));
        assertArrayEquals(new float[] {7, 0, 0}, zero.get(2));
        List<float[]> drop = Windowing.windows(x, WindowSpec.nonOverlapping(3, PadPolicy.DROP));
        assertEquals(2, drop.size());
        List<float[]> reflect = Windowing.windows(x, WindowSpec.nonOverlapping(3, PadPolicy.REFLECT));
        assertArrayEquals(new float[] {7, 6, 5}, reflect.get(2));
    }

    @Test
    void exactFitHasNoTail() {
        for (PadPolicy p : PadPolicy.values()) {
            assertEquals(
                    3,
                    Windowing.windows(ramp(9), WindowSpec.nonOverlapping(3, p)).size());
        }
    }

    @Test
    void overlappingStride() {
        List<float[]> w = Windowing.windows(ramp(10), new WindowSpec(4, 2, PadPolicy.ZERO_PAD));
        // Full windows start at 0, 2, 4, 6 and end at 10: nothing is left uncovered.
        assertEquals(4, w.size());
        assertArrayEquals(new float[] {7, 8, 9, 10}, w.get(3));
        List<float[]> t = Windowing.windows(ramp(11), new WindowSpec(4, 2, PadPolicy.ZERO_PAD));
        assertEquals(5, t.size());
        assertArrayEquals(new float[] {9, 10, 11, 0}, t.get(4));
        // Stride longer than the window skips samples; the tail window still starts on the stride grid.
        WindowSpec gappy = new WindowSpec(10, 15, PadPolicy.ZERO_PAD);
        List<float[]> g = Windowing.windows(ramp(22), gappy);
        assertEquals(2, g.size());
        assertEquals(2, Windowing.count(22, gappy));
        assertArrayEquals(new float[] {16, 17, 18, 19, 20, 21, 22, 0, 0, 0}, g.get(1));
        assertEquals(1, Windowing.count(22, new WindowSpec(10, 15, PadPolicy.DROP)));
    }

    @Test
    void recordShorterThanWindow() {
        float[] x = {1, 2, 3};
        assertArrayEquals(
                new float[] {1, 2, 3, 0, 0, 0, 0, 0},
                Windowing.windows(x, WindowSpec.nonOverlapping(8, PadPolicy.ZERO_PAD))
                        .get(0));
        assertArrayEquals(
                new float[] {1, 2, 3, 2, 1, 2, 3, 2},
                Windowing.windows(x, WindowSpec.nonOverlapping(8, PadPolicy.REFLECT))
                        .get(0));
        assertEquals(
                0,
                Windowing.windows(x, WindowSpec.nonOverlapping(8, PadPolicy.DROP))
                        .size());
        assertArrayEquals(
                new float[] {5, 5, 5},
                Windowing.windows(new float[] {5}, WindowSpec.nonOverlapping(3, PadPolicy.REFLECT))
                        .get(0));
        assertEquals(
                0,
                Windowing.windows(new float[0], WindowSpec.nonOverlapping(3, PadPolicy.ZERO_PAD))
                        .size());
    }

    @Test
    void cincRecordLengths() {
        // CinC 2017 records run from 9 s to 61 s at 300 Hz; 600-sample (2 s) and 2,400-sample (8 s) windows.
        for (int n : new int[] {2714, 9000, 18000, 18286}) {
            for (int len : new int[] {600, 2400}) {
                for (PadPolicy p : PadPolicy.values()) {
                    WindowSpec spec = new WindowSpec(len, len / 2, p);
                    List<float[]> w = Windowing.windows(ramp(n), spec);
                    assertEquals(Windowing.count(n, spec), w.size(), n + "/" + len + "/" + p);
                    int full = (n - len) / (len / 2) + 1;
                    boolean tail = (full - 1) * (len / 2) + len < n;
                    assertEquals(full + (tail && p != PadPolicy.DROP ? 1 : 0), w.size());
                    for (int i = 0; i < full; i++) {
                        assertEquals(i * (len / 2) + 1, w.get(i)[0]);
                        assertEquals(len, w.get(i).length);
                    }
                }
            }
        }
        assertEquals(
                15,
                Windowing.windows(ramp(9000), WindowSpec.nonOverlapping(600, PadPolicy.DROP))
                        .size());
        assertEquals(
                30,
                Windowing.windows(ramp(18286), WindowSpec.nonOverlapping(600, PadPolicy.DROP))
                        .size());
        assertEquals(
                31,
                Windowing.windows(ramp(18286), WindowSpec.nonOverlapping(600, PadPolicy.ZERO_PAD))
                        .size());
    }

    @Test
    void specValidation() {
        assertThrows(IllegalArgumentException.class, () -> new WindowSpec(0, 1, PadPolicy.DROP));
        assertThrows(IllegalArgumentException.class, () -> new WindowSpec(5, 0, PadPolicy.DROP));
        assertThrows(NullPointerException.class, () -> new WindowSpec(5, 5, null));
    }
}
