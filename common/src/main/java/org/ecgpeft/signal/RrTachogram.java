package org.ecgpeft.signal;

import java.util.SplittableRandom;

/**
 * Beat-to-beat (RR) interval series for the synthetic ECG.
 *
 * <p>Sinus rhythm follows ECGSYN's bimodal RR spectrum (McSharry et al. 2003): a Mayer-wave LF peak
 * near 0.1 Hz and a respiratory HF peak, each a Gaussian of width 0.01 Hz, here realised as a sum of
 * sinusoids whose frequencies are drawn from those peaks with random phases, sampled at the beat times.
 * Atrial fibrillation has independent log-normal intervals: irregularly irregular, with no
 * beat-to-beat correlation.
 */
final class RrTachogram {

    private static final int COMPONENTS_PER_PEAK = 8;
    private static final double PEAK_WIDTH_HZ = 0.01;
    private static final double MIN_RR = 0.25;
    private static final double MAX_RR = 2.5;

    private RrTachogram() {}

    /**
     * Intervals of sinus rhythm covering at least {@code span} seconds.
     *
     * @param meanRr  mean interval in seconds
     * @param stdRr   standard deviation of the interval in seconds
     * @param lfHz    centre of the low-frequency peak
     * @param hfHz    centre of the high-frequency (respiratory) peak
     * @param lfHfRatio power ratio of the two peaks
     */
    static double[] sinusRhythm(
            SplittableRandom rnd,
            double meanRr,
            double stdRr,
            double lfHz,
            double hfHz,
            double lfHfRatio,
            double span) {
        int m = 2 * COMPONENTS_PER_PEAK;
        double[] freq = new double[m];
        double[] amp = new double[m];
        double[] phase = new double[m];
        double lfPower = lfHfRatio / (1 + lfHfRatio);
        for (int i = 0; i < m; i++) {
            boolean lf = i < COMPONENTS_PER_PEAK;
            freq[i] = Math.max(0.01, (lf ? lfHz : hfHz) + PEAK_WIDTH_HZ * rnd.nextGaussian());
            // A sinusoid of amplitude A has variance A^2/2; split each peak's variance equally.
            double variance = stdRr * stdRr * (lf ? lfPower : 1 - lfPower) / COMPONENTS_PER_PEAK;
            amp[i] = Math.sqrt(2 * variance);
            phase[i] = 2 * Math.PI * rnd.nextDouble();
        }
        double[] rr = new double[capacity(meanRr, span)];
        double t = 0;
        int k = 0;
        while (t < span) {
            double v = meanRr;
            for (int i = 0; i < m; i++) {
                v += amp[i] * Math.sin(2 * Math.PI * freq[i] * t + phase[i]);
            }
            v = clamp(v);
            rr = grow(rr, k);
            rr[k++] = v;
            t += v;
        }
        return java.util.Arrays.copyOf(rr, k);
    }

    /**
     * Intervals of atrial fibrillation covering at least {@code span} seconds: independent log-normal
     * draws with mean {@code meanRr} and log-standard-deviation {@code sigma} (about the coefficient of
     * variation).
     */
    static double[] atrialFibrillation(SplittableRandom rnd, double meanRr, double sigma, double span) {
        double[] rr = new double[capacity(meanRr, span)];
        double t = 0;
        int k = 0;
        while (t < span) {
            double v = clamp(meanRr * Math.exp(sigma * rnd.nextGaussian() - sigma * sigma / 2));
            rr = grow(rr, k);
            rr[k++] = v;
            t += v;
        }
        return java.util.Arrays.copyOf(rr, k);
    }

    private static int capacity(double meanRr, double span) {
        return (int) Math.ceil(span / meanRr) + 8;
    }

    private static double[] grow(double[] rr, int k) {
        return k < rr.length ? rr : java.util.Arrays.copyOf(rr, rr.length * 2);
    }

    private static double clamp(double rr) {
        return Math.min(MAX_RR, Math.max(MIN_RR, rr));
    }
}
