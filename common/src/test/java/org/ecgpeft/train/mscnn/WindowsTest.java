package org.ecgpeft.train.mscnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ecgpeft.signal.ZScore;
import org.ecgpeft.train.SegmentDataset;
import org.junit.jupiter.api.Test;

class WindowsTest {

    private static float[] ramp(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) Math.sin(i * 0.013) + i * 1e-3f;
        }
        return x;
    }

    @Test
    void cropsAreZScoredSlicesThatMoveEveryEpochAndRepeatPerSeed() {
        List<AfRecord> records = List.of(new AfRecord("a", 0, ramp(9000)), new AfRecord("b", 1, ramp(3000)));
        RandomCrops crops = new RandomCrops(records, 2400, 300, 7);
        SegmentDataset e0 = crops.forEpoch(0);
        assertArrayEquals(new int[] {0, 1}, e0.labels());
        assertEquals(2400, e0.segments()[0].length);
        int offset = offsetOf(records.get(0).signal(), e0.segments()[0]);
        assertTrue(offset >= 0, "the crop is a z-scored slice of the record");
        assertArrayEquals(
                e0.segments()[0],
                new RandomCrops(records, 2400, 300, 7).forEpoch(0).segments()[0]);
        assertNotEquals(
                offset, offsetOf(records.get(0).signal(), crops.forEpoch(1).segments()[0]));
    }

    private static int offsetOf(float[] signal, float[] crop) {
        for (int s = 0; s + crop.length <= signal.length; s++) {
            float[] expected = ZScore.perSegment(Arrays.copyOfRange(signal, s, s + crop.length));
            if (Math.abs(expected[0] - crop[0]) < 1e-5 && Arrays.equals(expected, crop)) {
                return s;
            }
        }
        return -1;
    }

    @Test
    void shortRecordsAreZeroPaddedAtTheEnd() {
        float[] x = {1, 2, 3};
        assertArrayEquals(new float[] {1, 2, 3, 0, 0}, RandomCrops.crop(x, 5, new SplittableRandom(1)));
        float[] long1 = ramp(100);
        float[] c = RandomCrops.crop(long1, 10, new SplittableRandom(1));
        assertEquals(10, c.length);
    }

    @Test
    void evaluationWindowsCoverTheRecordWithoutPadding() {
        assertArrayEquals(
                new int[] {0, 1200, 2400, 3600, 4800, 6000, 6600}, EvaluationWindows.starts(9000, 2400, 1200));
        assertArrayEquals(new int[] {0, 1200, 2400}, EvaluationWindows.starts(4800, 2400, 1200));
        assertArrayEquals(new int[] {0}, EvaluationWindows.starts(2400, 2400, 1200));
        assertArrayEquals(new int[] {0}, EvaluationWindows.starts(1000, 2400, 1200));

        float[] a = ramp(4800);
        EvaluationWindows w = EvaluationWindows.of(
                List.of(new AfRecord("a", 1, a), new AfRecord("b", 0, ramp(1000))), 2400, 1200, 300);
        assertArrayEquals(new String[] {"a", "a", "a", "b"}, w.recordIds());
        assertArrayEquals(new int[] {1, 1, 1, 0}, w.data().labels());
        assertArrayEquals(
                ZScore.perSegment(Arrays.copyOfRange(a, 1200, 3600)), w.data().segments()[1]);
        float[] padded = new float[2400];
        System.arraycopy(ramp(1000), 0, padded, 0, 1000);
        assertArrayEquals(ZScore.perSegment(padded), w.data().segments()[3]);
    }
}
