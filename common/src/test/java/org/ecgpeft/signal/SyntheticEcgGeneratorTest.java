package org.ecgpeft.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class SyntheticEcgGeneratorTest {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticEcgGeneratorTest.class);

    @Test
    void deterministicPerSeedAndIndexInAnyOrder() {
        SyntheticEcgConfig c = new SyntheticEcgConfig(10, 300, 10, 0.5, 123);
        SyntheticEcgGenerator a = new SyntheticEcgGenerator(c);
        SyntheticEcgGenerator b = new SyntheticEcgGenerator(c);
        EcgRecord a7 = a.generate(7);
        b.generate(2);
        EcgRecord b7 = b.generate(7);
        assertArrayEquals(a7.signal(), b7.signal());
        assertEquals(a7.recordId(), b7.recordId());
        assertEquals("syn-123-7", a7.recordId());
        assertEquals(SyntheticEcgGenerator.SOURCE, a7.source());
        assertFalse(Arrays.equals(a.generate(6).signal(), a7.signal()));
        EcgRecord otherSeed = new SyntheticEcgGenerator(new SyntheticEcgConfig(10, 300, 10, 0.5, 124)).generate(7);
        assertFalse(Arrays.equals(otherSeed.signal(), a7.signal()));
    }

    @Test
    void labelFractionIsExactAndSpread() {
        SyntheticEcgGenerator g = new SyntheticEcgGenerator(new SyntheticEcgConfig(1000, 300, 1, 0.3, 1));
        int af = 0;
        for (int i = 0; i < 1000; i++) {
            af += g.labelOf(i).equals("A") ? 1 : 0;
            if (i % 100 == 99) {
                assertEquals(30 * (i + 1) / 100, af, "AF count in the first " + (i + 1));
            }
        }
        assertEquals(300, af);
        SyntheticEcgGenerator none = new SyntheticEcgGenerator(new SyntheticEcgConfig(50, 300, 1, 0, 1));
        SyntheticEcgGenerator all = new SyntheticEcgGenerator(new SyntheticEcgConfig(50, 300, 1, 1, 1));
        for (int i = 0; i < 50; i++) {
            assertEquals("N", none.labelOf(i));
            assertEquals("A", all.labelOf(i));
        }
        assertEquals(g.labelOf(3), g.generate(3).label());
    }

    @Test
    void lengthIsRateTimesDurationAndValuesFinite() {
        double[][] cases = {{300, 30}, {500, 10.5}, {250, 9.002}, {16_000, 2}};
        for (double[] c : cases) {
            SyntheticEcgGenerator g = new SyntheticEcgGenerator(new SyntheticEcgConfig(2, c[0], c[1], 0.5, 5));
            for (int i = 0; i < 2; i++) {
                EcgRecord r = g.generate(i);
                assertEquals(Math.round(c[0] * c[1]), r.signal().length);
                assertEquals(c[0], r.sampleRate());
                for (float v : r.signal()) {
                    assertTrue(Float.isFinite(v) && Math.abs(v) < 5, "value " + v + " mV");
                }
            }
        }
    }

    @Test
    void afHasIrregularRrAndNoPWaves() {
        int perClass = 12;
        SyntheticEcgGenerator g = new SyntheticEcgGenerator(new SyntheticEcgConfig(2 * perClass, 300, 60, 0.5, 2024));
        double[] cvN = new double[perClass];
        double[] cvA = new double[perClass];
        double[] pN = new double[perClass];
        double[] pA = new double[perClass];
        int n = 0;
        int a = 0;
        for (int i = 0; i < 2 * perClass; i++) {
            EcgRecord r = g.generate(i);
            int[] peaks = RPeaks.detect(r.signal(), 300);
            double bpm =
                    60 * 300 / Arrays.stream(RPeaks.intervals(peaks)).average().orElseThrow();
            assertTrue(bpm > 45 && bpm < 150, r.recordId() + " detected " + bpm + " bpm");
            if (r.label().equals("A")) {
                cvA[a] = RPeaks.rrCv(peaks);
                pA[a++] = RPeaks.pWaveToR(r.signal(), peaks);
            } else {
                cvN[n] = RPeaks.rrCv(peaks);
                pN[n++] = RPeaks.pWaveToR(r.signal(), peaks);
            }
        }
        LOG.info("RR CV  N {} | A {}", fmt(cvN), fmt(cvA));
        LOG.info("P/R ratio  N {} | A {}", fmt(pN), fmt(pA));
        assertEquals(perClass, n);
        assertTrue(max(cvN) < 0.1, "sinus RR CV up to " + max(cvN));
        assertTrue(min(cvA) > 0.1, "AF RR CV down to " + min(cvA));
        assertTrue(mean(cvA) > 3 * mean(cvN));
        // Every sinus record shows a P wave above every AF record's residual (f-waves averaged over beats).
        assertTrue(min(pN) > max(pA), "P/R ratio N " + fmt(pN) + " vs A " + fmt(pA));
        assertTrue(mean(pN) > 4 * mean(pA), "P/R ratio N " + fmt(pN) + " vs A " + fmt(pA));
    }

    @Test
    void configValidationNamesKey() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new SyntheticEcgConfig(0, 300, 30, 0.5, 1));
        assertTrue(e.getMessage().contains("synthetic.count"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SyntheticEcgConfig(1, 50, 30, 0.5, 1))
                .getMessage()
                .contains("synthetic.sampleRate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SyntheticEcgConfig(1, 300, -1, 0.5, 1))
                .getMessage()
                .contains("synthetic.durationSeconds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SyntheticEcgConfig(1, 300, 30, 1.5, 1))
                .getMessage()
                .contains("synthetic.afFraction"));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticEcgConfig(1, 300, 1e-4, 0.5, 1));
        SyntheticEcgGenerator g = new SyntheticEcgGenerator(new SyntheticEcgConfig(3, 300, 1, 0.5, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> g.generate(3));
        assertThrows(IndexOutOfBoundsException.class, () -> g.generate(-1));
    }

    private static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            sb.append(String.format(Locale.ROOT, "%.3f ", d));
        }
        return sb.toString().trim();
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElseThrow();
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }
}
