package org.ecgpeft.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZScoreTest {

    @Test
    void perSegmentHandValues() {
        // mean 5, population variance ((9+1+1+1+0+0+4+16)/8) = 4, std 2.
        float[] x = {2, 4, 4, 4, 5, 5, 7, 9};
        assertArrayEquals(new float[] {-1.5f, -0.5f, -0.5f, -0.5f, 0f, 0f, 1f, 2f}, ZScore.perSegment(x));
    }

    @Test
    void perSegmentHasZeroMeanUnitStd() {
        SplittableRandom rnd = new SplittableRandom(1);
        float[] x = new float[600];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (3 + 0.2 * rnd.nextGaussian());
        }
        ZScore.Moments m = ZScore.Moments.EMPTY.add(ZScore.perSegment(x));
        assertEquals(0, m.mean(), 1e-6);
        assertEquals(1, m.std(), 1e-6);
    }

    @Test
    void flatSegmentGivesZeros() {
        assertArrayEquals(new float[4], ZScore.perSegment(new float[] {3, 3, 3, 3}));
        assertArrayEquals(new float[0], ZScore.perSegment(new float[0]));
    }

    @Test
    void globalUsesGivenStatistics() {
        assertArrayEquals(new float[] {-1f, 0f, 0.5f}, ZScore.global(new float[] {1, 3, 4}, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> ZScore.global(new float[1], Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> ZScore.global(new float[1], 0, -1));
    }

    @Test
    void momentsHandValues() {
        ZScore.Moments m = ZScore.Moments.EMPTY.add(new float[] {2, 4, 4, 4, 5, 5, 7, 9});
        assertEquals(8, m.n());
        assertEquals(5.0, m.mean(), 0);
        assertEquals(32.0, m.m2(), 0);
        assertEquals(2.0, m.std(), 0);
        assertTrue(Double.isNaN(ZScore.Moments.EMPTY.std()));
    }

    @Test
    void mergeEqualsSinglePass() {
        SplittableRandom rnd = new SplittableRandom(9);
        float[][] parts = new float[7][];
        int total = 0;
        for (int p = 0; p < parts.length; p++) {
            parts[p] = new float[1 + rnd.nextInt(5000)];
            for (int i = 0; i < parts[p].length; i++) {
                parts[p][i] = (float) (1e4 + rnd.nextGaussian() * (p + 1));
            }
            total += parts[p].length;
        }
        float[] all = new float[total];
        int off = 0;
        ZScore.Moments merged = ZScore.Moments.EMPTY;
        ZScore.Moments tree = ZScore.Moments.EMPTY;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, off, part.length);
            off += part.length;
            merged = merged.add(part);
        }
        // Combine in a different order, as Spark's tree aggregation would.
        ZScore.Moments left = ZScore.Moments.EMPTY.add(parts[0]).merge(ZScore.Moments.EMPTY.add(parts[1]));
        ZScore.Moments right = ZScore.Moments.EMPTY;
        for (int p = parts.length - 1; p >= 2; p--) {
            right = ZScore.Moments.EMPTY.add(parts[p]).merge(right);
        }
        tree = right.merge(left);
        ZScore.Moments single = ZScore.Moments.EMPTY.add(all);
        assertEquals(single.n(), merged.n());
        assertEquals(single.mean(), merged.mean(), 1e-9);
        assertEquals(single.m2(), merged.m2(), 1e-9 * single.m2());
        assertEquals(single.std(), tree.std(), 1e-10 * single.std());
        assertEquals(single.mean(), tree.mean(), 1e-9);
        // Exact reference with BigDecimal-free two-pass in double over the same data.
        double sum = 0;
        for (float v : all) {
            sum += v;
        }
        double mean = sum / all.length;
        double ss = 0;
        for (float v : all) {
            ss += (v - mean) * (v - mean);
        }
        assertEquals(Math.sqrt(ss / all.length), merged.std(), 1e-9);
    }

    @Test
    void momentsValidation() {
        assertThrows(IllegalArgumentException.class, () -> new ZScore.Moments(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ZScore.Moments(3, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new ZScore.Moments(0, 1, 0));
    }
}
