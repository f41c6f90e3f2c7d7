package org.ecgpeft.signal;

import java.util.SplittableRandom;

/**
 * The five Gaussian kernels of ECGSYN (P, Q, R, S, T): angle on the beat's phase circle (R at 0),
 * amplitude and width, with ECGSYN's heart-rate scaling (widths by sqrt(HR/60), the P and T angles by
 * its square root, so the QT interval shortens at faster rates roughly as Bazett describes) and a
 * small per-record perturbation so records differ in morphology. The P amplitude is 0.8 rather than
 * ECGSYN's 1.2, which brings the P/R height ratio down to the 0.1-0.2 typical of lead II.
 */
record WaveKernels(double[] theta, double[] a, double[] b) {

    private static final double[] THETA = {-Math.PI / 3, -Math.PI / 12, 0, Math.PI / 12, Math.PI / 2};
    private static final double[] A = {0.8, -5.0, 30.0, -7.5, 0.75};
    private static final double[] B = {0.25, 0.1, 0.1, 0.1, 0.4};
    static final int P = 0;
    static final int R = 2;

    /**
     * Kernels for a record with mean interval {@code meanRr} seconds; {@code pWave} false removes the
     * P wave (atrial fibrillation has no organised atrial depolarisation).
     */
    static WaveKernels forRecord(double meanRr, boolean pWave, SplittableRandom rnd) {
        double hrFactor = Math.sqrt(1.0 / meanRr);
        double hrFactor2 = Math.sqrt(hrFactor);
        double[] thetaScale = {hrFactor2, hrFactor, 1, hrFactor, hrFactor2};
        double[] theta = new double[5];
        double[] a = new double[5];
        double[] b = new double[5];
        for (int i = 0; i < 5; i++) {
            theta[i] = THETA[i] * thetaScale[i] * (1 + 0.05 * rnd.nextGaussian());
            a[i] = A[i] * (1 + 0.15 * rnd.nextGaussian());
            b[i] = B[i] * hrFactor * (1 + 0.08 * rnd.nextGaussian());
        }
        a[R] = Math.abs(a[R]);
        if (!pWave) {
            a[P] = 0;
        }
        return new WaveKernels(theta, a, b);
    }

    /**
     * Height of kernel {@code i} in model units: integrating {@code -omega a dtheta exp(-dtheta^2 / 2b^2)}
     * through the wave gives a Gaussian bump of height {@code a b^2}.
     */
    double height(int i) {
        return a[i] * b[i] * b[i];
    }

    /** The kernel sum driving dz/dt at phase {@code phase}, per radian. */
    double drive(double phase) {
        double sum = 0;
        for (int i = 0; i < 5; i++) {
            double d = phase - theta[i];
            d -= 2 * Math.PI * Math.rint(d / (2 * Math.PI));
            if (Math.abs(d) < 6 * b[i]) {
                sum += a[i] * d * Math.exp(-0.5 * d * d / (b[i] * b[i]));
            }
        }
        return sum;
    }
}
