package org.ecgpeft.signal;

import java.util.SplittableRandom;

/**
 * Atrial fibrillatory f-waves after the sawtooth model of Stridh and Sornmo (IEEE TBME 2001): a
 * fundamental between 4 and 9 Hz, frequency-modulated slowly around its mean, plus two harmonics of
 * falling amplitude, the whole amplitude-modulated; amplitudes in millivolts.
 *
 * @param f0        mean fundamental frequency in Hz
 * @param deltaF    frequency deviation in Hz (the fundamental stays within f0 +- deltaF)
 * @param fmHz      rate of the frequency modulation
 * @param amplitude fundamental amplitude in mV
 * @param amDepth   relative depth of the amplitude modulation
 * @param amHz      rate of the amplitude modulation
 * @param phases    start phases: fundamental, harmonics 2 and 3, FM, AM
 */
record FibrillatoryWaves(
        double f0, double deltaF, double fmHz, double amplitude, double amDepth, double amHz, double[] phases) {

    /** Lowest and highest instantaneous fundamental frequency the generator produces. */
    static final double MIN_HZ = 4.0;

    static final double MAX_HZ = 9.0;
    private static final double[] HARMONIC_SHARE = {1.0, 0.35, 0.15};

    /** A random f-wave train; its instantaneous fundamental stays inside [4, 9] Hz. */
    static FibrillatoryWaves random(SplittableRandom rnd) {
        double f0 = rnd.nextDouble(5.0, 8.0);
        double deltaF = rnd.nextDouble(0.05, Math.min(f0 - MIN_HZ, MAX_HZ - f0));
        double[] phases = new double[5];
        for (int i = 0; i < phases.length; i++) {
            phases[i] = 2 * Math.PI * rnd.nextDouble();
        }
        return new FibrillatoryWaves(
                f0,
                deltaF,
                rnd.nextDouble(0.05, 0.2),
                rnd.nextDouble(0.03, 0.1),
                rnd.nextDouble(0.1, 0.4),
                rnd.nextDouble(0.1, 0.3),
                phases);
    }

    /** f-wave value in mV at time {@code t} seconds. */
    double valueAt(double t) {
        // Phase of a carrier whose frequency is f0 + deltaF cos(2 pi fm t).
        double phi = 2 * Math.PI * f0 * t + deltaF / fmHz * Math.sin(2 * Math.PI * fmHz * t + phases[3]);
        double envelope = amplitude * (1 + amDepth * Math.sin(2 * Math.PI * amHz * t + phases[4]));
        double v = 0;
        for (int k = 0; k < HARMONIC_SHARE.length; k++) {
            v += HARMONIC_SHARE[k] * Math.sin((k + 1) * phi + phases[k]);
        }
        return envelope * v;
    }
}
