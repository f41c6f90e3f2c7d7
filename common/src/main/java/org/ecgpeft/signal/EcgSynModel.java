package org.ecgpeft.signal;

import java.util.function.DoubleUnaryOperator;

/**
 * The ECGSYN dynamical model (McSharry et al., IEEE TBME 2003) driven by an RR series. The (x, y)
 * limit cycle of ECGSYN is followed exactly by its phase, which advances 2 pi over each RR interval
 * (R peak at phase 0), so only the z equation is integrated (RK4):
 * {@code dz/dt = -omega * sum_i a_i dtheta_i exp(-dtheta_i^2 / 2 b_i^2) - (z - z0(t))}.
 * Unlike ECGSYN the kernel sum is scaled by the angular speed omega, which keeps wave heights
 * independent of heart rate (ECGSYN rescales the finished record instead).
 */
final class EcgSynModel {

    /**
     * Integration runs this long before t = 0: z is linear with unit relaxation rate, so the start-up
     * error decays as exp(-t) and is below 0.3% of a wave height at t = 0.
     */
    static final double WARM_UP_SECONDS = 6.0;
    /** Internal integration rate floor; the R kernel is only ~15 ms wide. */
    private static final double MIN_INTERNAL_RATE = 1000.0;

    private EcgSynModel() {}

    /**
     * z at {@code n} output samples t = j / fs.
     *
     * @param rr        RR intervals in seconds; beat k starts (R peak) at {@code firstBeat + sum(rr[0..k))}
     * @param firstBeat time of the first R peak, at most {@code -WARM_UP_SECONDS}
     * @param z0        baseline the z variable relaxes to (ECGSYN's respiratory wander), model units
     */
    static double[] simulate(
            double[] rr, double firstBeat, WaveKernels kernels, DoubleUnaryOperator z0, double fs, int n) {
        int sub = (int) Math.ceil(MIN_INTERNAL_RATE / fs);
        double h = 1.0 / (fs * sub);
        int warmUpSteps = (int) Math.ceil(WARM_UP_SECONDS * fs) * sub;
        if (firstBeat > -warmUpSteps * h) {
            throw new IllegalArgumentException("first beat " + firstBeat + " s is after the warm-up start");
        }
        Phase phase = new Phase(rr, firstBeat);
        double[] out = new double[n];
        double t = -warmUpSteps * h;
        double z = 0;
        long total = warmUpSteps + (long) n * sub;
        for (long step = 0; step < total; step++) {
            long sinceZero = step - warmUpSteps;
            if (sinceZero >= 0 && sinceZero % sub == 0) {
                out[(int) (sinceZero / sub)] = z;
            }
            double k1 = slope(phase, kernels, z0, t, z);
            double k2 = slope(phase, kernels, z0, t + h / 2, z + h / 2 * k1);
            double k3 = slope(phase, kernels, z0, t + h / 2, z + h / 2 * k2);
            double k4 = slope(phase, kernels, z0, t + h, z + h * k3);
            z += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
            t = (step + 1 - warmUpSteps) * h;
        }
        return out;
    }

    private static double slope(Phase phase, WaveKernels kernels, DoubleUnaryOperator z0, double t, double z) {
        phase.moveTo(t);
        return -phase.omega() * kernels.drive(phase.theta(t)) - (z - z0.applyAsDouble(t));
    }

    /** Beat cursor: RK4 asks for non-decreasing times, so it only ever moves forward. */
    private static final class Phase {
        private final double[] rr;
        private int beat;
        private double beatStart;

        Phase(double[] rr, double firstBeat) {
            this.rr = rr;
            this.beatStart = firstBeat;
        }

        void moveTo(double t) {
            while (t >= beatStart + rr[beat]) {
                if (beat + 1 >= rr.length) {
                    throw new IllegalStateException(
                            "RR series ends at " + (beatStart + rr[beat]) + " s, before t = " + t);
                }
                beatStart += rr[beat];
                beat++;
            }
        }

        double omega() {
            return 2 * Math.PI / rr[beat];
        }

        double theta(double t) {
            return 2 * Math.PI * (t - beatStart) / rr[beat];
        }
    }
}
