package org.ecgpeft.signal;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Built-in synthetic single-lead ECG source: normal sinus rhythm (label N) and atrial fibrillation
 * (label A). P-QRS-T morphology comes from the ECGSYN dynamical model ({@link EcgSynModel}); sinus
 * rhythm has LF/HF heart-rate variability, AF has irregularly irregular RR intervals, no P waves and
 * 4-9 Hz fibrillatory waves. Every record gets respiratory baseline wander (inside the model, as in
 * ECGSYN), a slow electrode drift and white measurement noise.
 *
 * <p>Record {@code i} depends only on (seed, i) through its own {@link SplittableRandom}, so Spark
 * executors can generate disjoint index ranges in any order and get identical data. Labels follow a
 * Bresenham pattern: index i is AF when {@code floor((i+1) f) > floor(i f)}, which gives exactly
 * {@code floor(count f)} AF records spread evenly over the indices.
 */
public final class SyntheticEcgGenerator {

    /** Source tag stored with generated records. */
    public static final String SOURCE = "synthetic";
    /** Target R-wave height range in mV. */
    private static final double MIN_R_MV = 0.6;

    private static final double MAX_R_MV = 1.6;

    private final SyntheticEcgConfig config;

    public SyntheticEcgGenerator(SyntheticEcgConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** "A" or "N" for record {@code index}, without generating it. */
    public String labelOf(int index) {
        checkIndex(index);
        double f = config.afFraction();
        return Math.floor((index + 1) * f) > Math.floor(index * f) ? "A" : "N";
    }

    /** Record id for {@code index}: {@code syn-<seed>-<index>}, unique per seed. */
    public String recordIdOf(int index) {
        checkIndex(index);
        return "syn-" + config.seed() + "-" + index;
    }

    /** Generates record {@code index} (0 .. count-1); the same (seed, index) always gives the same record. */
    public EcgRecord generate(int index) {
        String label = labelOf(index);
        boolean af = label.equals("A");
        SplittableRandom rnd = new SplittableRandom(mix(config.seed(), index));
        double fs = config.sampleRate();
        int n = config.samplesPerRecord();
        double span = n / fs;

        double respirationHz = rnd.nextDouble(0.2, 0.33);
        double meanRr;
        double[] rr;
        if (af) {
            meanRr = 60.0 / rnd.nextDouble(75, 130);
            rr = RrTachogram.atrialFibrillation(
                    rnd, meanRr, rnd.nextDouble(0.15, 0.3), span + EcgSynModel.WARM_UP_SECONDS + 5);
        } else {
            meanRr = 60.0 / rnd.nextDouble(55, 95);
            double stdRr = meanRr * rnd.nextDouble(0.03, 0.06);
            rr = RrTachogram.sinusRhythm(
                    rnd,
                    meanRr,
                    stdRr,
                    rnd.nextDouble(0.08, 0.12),
                    respirationHz,
                    rnd.nextDouble(0.5, 2.0),
                    span + EcgSynModel.WARM_UP_SECONDS + 5);
        }
        WaveKernels kernels = WaveKernels.forRecord(meanRr, !af, rnd);
        double scale = rnd.nextDouble(MIN_R_MV, MAX_R_MV) / kernels.height(WaveKernels.R);

        double respirationMv = rnd.nextDouble(0.02, 0.12);
        double respirationPhase = 2 * Math.PI * rnd.nextDouble();
        double firstBeat = -EcgSynModel.WARM_UP_SECONDS - 1 - rnd.nextDouble() * meanRr;
        double[] z = EcgSynModel.simulate(
                rr,
                firstBeat,
                kernels,
                t -> respirationMv / scale * Math.sin(2 * Math.PI * respirationHz * t + respirationPhase),
                fs,
                n);

        FibrillatoryWaves fWaves = af ? FibrillatoryWaves.random(rnd) : null;
        double driftHz = rnd.nextDouble(0.02, 0.08);
        double driftMv = rnd.nextDouble(0.0, 0.15);
        double driftPhase = 2 * Math.PI * rnd.nextDouble();
        double noiseMv = rnd.nextDouble(0.005, 0.02);
        float[] signal = new float[n];
        for (int j = 0; j < n; j++) {
            double t = j / fs;
            double v = scale * z[j]
                    + driftMv * Math.sin(2 * Math.PI * driftHz * t + driftPhase)
                    + noiseMv * rnd.nextGaussian();
            if (fWaves != null) {
                v += fWaves.valueAt(t);
            }
            signal[j] = (float) v;
        }
        return new EcgRecord(recordIdOf(index), SOURCE, fs, label, signal);
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= config.count()) {
            throw new IndexOutOfBoundsException(
                    "synthetic record index " + index + " outside [0, " + config.count() + ")");
        }
    }

    /** SplitMix64 finaliser over (seed, index), so neighbouring indices get unrelated streams. */
    static long mix(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
