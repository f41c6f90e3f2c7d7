package org.ecgpeft.signal;

/**
 * Z-score normalisation: per segment (the default) or with global statistics computed over a whole
 * training split ({@link Moments}, mergeable so Spark can aggregate partitions).
 */
public final class ZScore {

    /**
     * Standard deviations below this are treated as a flat segment: dividing by it would blow up
     * quantisation noise, so a flat input maps to zeros instead.
     */
    public static final double FLAT_EPSILON = 1e-6;

    private ZScore() {}

    /** {@code (x - mean) / std} with the segment's own mean and population std; zeros when flat. */
    public static float[] perSegment(float[] x) {
        Moments m = Moments.EMPTY.add(x);
        return global(x, m.mean(), m.n() == 0 ? 0 : m.std());
    }

    /** {@code (x - mean) / std} with given statistics; {@code std} below {@link #FLAT_EPSILON} gives zeros. */
    public static float[] global(float[] x, double mean, double std) {
        if (!Double.isFinite(mean) || !Double.isFinite(std) || std < 0) {
            throw new IllegalArgumentException(
                    "z-score needs a finite mean and a finite non-negative std, got mean=" + mean + " std=" + std);
        }
        float[] out = new float[x.length];
        if (std < FLAT_EPSILON) {
            return out;
        }
        double inv = 1.0 / std;
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) ((x[i] - mean) * inv);
        }
        return out;
    }

    /**
     * Count, mean and sum of squared deviations ({@code m2}) of a sample, combined with the pairwise
     * update of Chan, Golub and LeVeque so partial results from partitions merge without the
     * cancellation of the naive sum-of-squares formula.
     */
    public record Moments(long n, double mean, double m2) {

        /** Moments of an empty sample. */
        public static final Moments EMPTY = new Moments(0, 0, 0);

        public Moments {
            if (n < 0) {
                throw new IllegalArgumentException("Moments.n must be >= 0, got " + n);
            }
            if (!Double.isFinite(mean) || !Double.isFinite(m2) || m2 < 0) {
                throw new IllegalArgumentException(
                        "Moments need a finite mean and a finite m2 >= 0, got mean=" + mean + " m2=" + m2);
            }
            if (n == 0 && (mean != 0 || m2 != 0)) {
                throw new IllegalArgumentException("empty Moments must have mean 0 and m2 0");
            }
        }

        /** These moments combined with the values of {@code x} (two-pass over x, then merged). */
        public Moments add(float[] x) {
            if (x.length == 0) {
                return this;
            }
            double sum = 0;
            for (float v : x) {
                sum += v;
            }
            double batchMean = sum / x.length;
            double batchM2 = 0;
            for (float v : x) {
                double d = v - batchMean;
                batchM2 += d * d;
            }
            return merge(new Moments(x.length, batchMean, batchM2));
        }

        /** Moments of the union of both samples. */
        public Moments merge(Moments o) {
            if (o.n == 0) {
                return this;
            }
            if (n == 0) {
                return o;
            }
            long total = n + o.n;
            double delta = o.mean - mean;
            double newMean = mean + delta * ((double) o.n / total);
            double newM2 = m2 + o.m2 + delta * delta * ((double) n * o.n / total);
            return new Moments(total, newMean, newM2);
        }

        /** Population variance {@code m2 / n}; NaN for an empty sample. */
        public double variance() {
            return n == 0 ? Double.NaN : m2 / n;
        }

        /** Population standard deviation; NaN for an empty sample. */
        public double std() {
            return Math.sqrt(variance());
        }
    }
}
