package org.ecgpeft.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The building blocks of the synthetic ECG: RR process, ECGSYN integration, f-waves. */
class EcgSynComponentsTest {

    @Test
    void sinusRrHasRequestedMeanStdAndSmoothVariation() {
        SplittableRandom rnd = new SplittableRandom(11);
        double[] rr = RrTachogram.sinusRhythm(rnd, 0.8, 0.04, 0.1, 0.25, 1.0, 600);
        assertTrue(Arrays.stream(rr).sum() >= 600);
        assertEquals(0.8, mean(rr), 0.01);
        assertEquals(0.04, std(rr), 0.012);
        // LF/HF modulation is slow compared with the heart rate: successive intervals are correlated.
        assertTrue(lag1Correlation(rr) > 0.5, "lag-1 correlation " + lag1Correlation(rr));
    }

    @Test
    void afRrIsIrregularlyIrregular() {
        SplittableRandom rnd = new SplittableRandom(12);
        double[] rr = RrTachogram.atrialFibrillation(rnd, 0.6, 0.2, 600);
        assertEquals(0.6, mean(rr), 0.02);
        assertEquals(0.2, std(rr) / mean(rr), 0.03);
        assertTrue(Math.abs(lag1Correlation(rr)) < 0.1, "lag-1 correlation " + lag1Correlation(rr));
    }

    @Test
    void constantRrGivesPeriodicBeatsWithRAtPhaseZero() {
        double fs = 500;
        double rrSeconds = 0.8;
        double[] rr = new double[40];
        Arrays.fill(rr, rrSeconds);
        WaveKernels k = WaveKernels.forRecord(rrSeconds, true, new SplittableRandom(3));
        double firstBeat = -8.0;
        double[] z = EcgSynModel.simulate(rr, firstBeat, k, t -> 0, fs, 5000);
        int period = (int) Math.round(rrSeconds * fs);
        for (int j = 0; j + period < z.length; j++) {
            // What is left of the start-up transient decays as exp(-t).
            double tolerance = j < 4000 ? 1e-3 : 1e-6;
            assertEquals(z[j], z[j + period], tolerance, "sample " + j);
        }
        // Beats start at -8 + 0.8 m, i.e. at t = 0, 0.8, ...: the R maximum is there (within the ~1 ms lag of z).
        int argmax = 0;
        for (int j = 0; j < period; j++) {
            if (z[j] > z[argmax]) {
                argmax = j;
            }
        }
        assertTrue(argmax <= 2 || argmax >= period - 1, "R peak at sample " + argmax);
    }

    @Test
    void waveHeightIsABSquared() {
        WaveKernels only = new WaveKernels(
                new double[] {0, 0, 0, 0, 0}, new double[] {0, 0, 30, 0, 0}, new double[] {1, 1, 0.1, 1, 1});
        double[] rr = new double[30];
        Arrays.fill(rr, 1.0);
        double[] z = EcgSynModel.simulate(rr, -10.0, only, t -> 0, 1000, 2000);
        double max = Arrays.stream(z).max().orElseThrow();
        // The relaxation term -z takes a little off while the bump builds (~16 ms wide): within 8%.
        assertEquals(only.height(WaveKernels.R), max, 0.08 * only.height(WaveKernels.R));
    }

    @Test
    void fibrillatoryWavesHaveDominantFrequencyBetween4And9Hz() {
        SplittableRandom rnd = new SplittableRandom(5);
        double fs = 200;
        for (int trial = 0; trial < 10; trial++) {
            FibrillatoryWaves f = FibrillatoryWaves.random(rnd);
            assertTrue(
                    f.f0() - f.deltaF() >= FibrillatoryWaves.MIN_HZ && f.f0() + f.deltaF() <= FibrillatoryWaves.MAX_HZ);
            double[] x = new double[(int) (20 * fs)];
            for (int i = 0; i < x.length; i++) {
                x[i] = f.valueAt(i / fs);
            }
            double best = 0;
            double bestPower = -1;
            for (double hz = 0.5; hz <= 30; hz += 0.05) {
                double re = 0;
                double im = 0;
                for (int i = 0; i < x.length; i++) {
                    re += x[i] * Math.cos(2 * Math.PI * hz * i / fs);
                    im += x[i] * Math.sin(2 * Math.PI * hz * i / fs);
                }
                if (re * re + im * im > bestPower) {
                    bestPower = re * re + im * im;
                    best = hz;
                }
            }
            assertTrue(best >= 4 && best <= 9, "dominant f-wave frequency " + best + " Hz");
            assertEquals(f.f0(), best, f.deltaF() + 0.1);
        }
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static double std(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).average().orElseThrow());
    }

    private static double lag1Correlation(double[] v) {
        double m = mean(v);
        double num = 0;
        double den = 0;
        for (int i = 0; i < v.length; i++) {
            den += (v[i] - m) * (v[i] - m);
            if (i > 0) {
                num += (v[i] - m) * (v[i - 1] - m);
            }
        }
        return num / den;
    }
}
