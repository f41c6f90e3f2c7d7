package org.ecgpeft.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static float[] sine(double freq, double fs, int n, double phase) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) Math.sin(2 * Math.PI * freq * i / fs + phase);
        }
        return x;
    }

    /** Max |y - sin| over outputs at least {@code margin} seconds from either end. */
    private static double maxError(float[] y, double freq, double fs, double phase, double margin) {
        double err = 0;
        int skip = (int) Math.ceil(margin * fs);
        for (int k = skip; k < y.length - skip; k++) {
            err = Math.max(err, Math.abs(y[k] - Math.sin(2 * Math.PI * freq * k / fs + phase)));
        }
        return err;
    }

    @Test
    void segmentTo16kHzHasExactLength() {
        assertEquals(32_000, Resampler.resample(new float[600], 300, 16_000).length);
        assertEquals(15_000, Resampler.resample(new float[9000], 300, 500).length);
        assertEquals(3, Resampler.resample(new float[5], 500, 300).length);
    }

    @Test
    void sineUpsampledTo16kHz() {
        float[] y = Resampler.resample(sine(5, 300, 600, 0.3), 300, 16_000);
        double err = maxError(y, 5, 16_000, 0.3, 0.1);
        assertTrue(err < 1e-4, "max error " + err);
    }

    @Test
    void sinesUpsampledTo500Hz() {
        for (double f : new double[] {5, 40, 100, 130}) {
            float[] y = Resampler.resample(sine(f, 300, 3000, 1.0), 300, 500);
            double err = maxError(y, f, 500, 1.0, 0.1);
            assertTrue(err < 1e-4, f + " Hz: max error " + err);
        }
    }

    @Test
    void downsamplingKeepsPassBandAndRemovesAlias() {
        float[] y = Resampler.resample(sine(5, 500, 5000, 0.0), 500, 300);
        assertTrue(maxError(y, 5, 300, 0.0, 0.3) < 2e-4);
        // 200 Hz is above the new 150 Hz Nyquist: it must be filtered out, not folded to 100 Hz.
        float[] alias = Resampler.resample(sine(200, 500, 5000, 0.0), 500, 300);
        assertTrue(maxError(alias, 0, 300, 0.0, 0.3) < 1e-3);
    }

    @Test
    void upsamplingInterpolatesThroughOriginalSamples() {
        float[] x = sine(7, 300, 900, 0.0);
        float[] y = Resampler.resample(x, 300, 600);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], y[2 * i], 1e-6, "sample " + i);
        }
    }

    @Test
    void untabulatedRatioGivesSameQuality() {
        // 16001/257 has too many phases for a table: taps are computed per output sample.
        float[] y = Resampler.resample(sine(5, 257, 1028, 0.2), 257, 16_001);
        assertEquals(64_004, y.length);
        assertTrue(maxError(y, 5, 16_001, 0.2, 0.2) < 1e-4);
    }

    @Test
    void constantSignalStaysConstantToTheEdges() {
        float[] x = new float[300];
        java.util.Arrays.fill(x, 2.5f);
        for (float v : Resampler.resample(x, 300, 16_000)) {
            assertEquals(2.5f, v, 1e-5f);
        }
    }

    @Test
    void sameRateIsCopyAndBadRatesRejected() {
        float[] x = {1, 2, 3};
        assertArrayEquals(x, Resampler.resample(x, 300, 300));
        assertEquals(0, Resampler.resample(new float[0], 300, 16_000).length);
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(x, 0, 300));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(x, 300, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(x, 1.0 / 3, 300));
        assertEquals(1, Resampler.of(300, 16_000).outputLength(0) + 1);
    }

    @Test
    void besselI0KnownValues() {
        assertEquals(1.0, Resampler.besselI0(0), 0);
        assertEquals(1.2660658777520082, Resampler.besselI0(1), 1e-15);
        assertEquals(2815.716628466254, Resampler.besselI0(10), 1e-9);
    }
}
