package org.ecgpeft.signal;

/**
 * Band-limited sample-rate conversion by a Kaiser-windowed sinc (polyphase form). The rate ratio is
 * reduced to {@code up/down} (rates are taken to 0.001 Hz); output sample {@code k} sits at input
 * position {@code k * down / up}, so {@code n} samples become {@code ceil(n * up / down)} (600 at 300 Hz
 * -> 32,000 at 16 kHz exactly). The low-pass cutoff is the lower of the two Nyquist frequencies; with 24
 * zero crossings per side and Kaiser beta 8.6 (about 85 dB stop-band) the pass band is flat to within
 * 1e-4 up to about 88% of that cutoff. Each polyphase branch is normalised to unit DC gain. Edges are
 * extended by mirror reflection rather than zeros so a record's offset does not ring at its ends.
 *
 * <p>Build an instance with {@link #of} to reuse the filter table across many segments of one rate
 * pair; {@link #resample} is the one-shot form.
 */
public final class Resampler {

    private static final int ZERO_CROSSINGS = 24;
    private static final double KAISER_BETA = 8.6;
    /** Above this many tabulated coefficients taps are computed per output instead (odd rate pairs). */
    private static final long MAX_TABLE_ENTRIES = 1L << 22;

    private static final long RATE_SCALE = 1000;

    private final long up;
    private final long down;
    private final double cutoff;
    private final int halfTaps;
    private final double[][] table;

    private Resampler(long up, long down) {
        this.up = up;
        this.down = down;
        // Cutoff in cycles per input sample: the input Nyquist when upsampling, the output's when downsampling.
        this.cutoff = 0.5 * Math.min(1.0, (double) up / down);
        this.halfTaps = (int) Math.ceil(ZERO_CROSSINGS / (2 * cutoff));
        if (up * 2 * halfTaps <= MAX_TABLE_ENTRIES) {
            table = new double[(int) up][];
            for (int phase = 0; phase < up; phase++) {
                table[phase] = taps(phase);
            }
        } else {
            table = null;
        }
    }

    /** A resampler from {@code fromHz} to {@code toHz}; both positive, finite multiples of 0.001 Hz. */
    public static Resampler of(double fromHz, double toHz) {
        long from = scaledRate(fromHz, "fromHz");
        long to = scaledRate(toHz, "toHz");
        long g = gcd(from, to);
        return new Resampler(to / g, from / g);
    }

    /** One-shot resampling of {@code x} from {@code fromHz} to {@code toHz}. */
    public static float[] resample(float[] x, double fromHz, double toHz) {
        return of(fromHz, toHz).apply(x);
    }

    /** Output length for an input of {@code n} samples: {@code ceil(n * up / down)}. */
    public int outputLength(int n) {
        long len = Math.floorDiv(n * up + down - 1, down);
        if (len > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resampled length " + len + " does not fit in an array");
        }
        return (int) len;
    }

    /** Resamples {@code x}; an empty input gives an empty output, equal rates a copy. */
    public float[] apply(float[] x) {
        int n = x.length;
        float[] y = new float[outputLength(n)];
        if (n == 0) {
            return y;
        }
        if (up == down) {
            System.arraycopy(x, 0, y, 0, n);
            return y;
        }
        int width = 2 * halfTaps;
        for (int k = 0; k < y.length; k++) {
            long pos = k * down;
            long base = pos / up;
            int phase = (int) (pos % up);
            double[] h = table != null ? table[phase] : taps(phase);
            long first = base - halfTaps + 1;
            double acc = 0;
            if (first >= 0 && first + width <= n) {
                int j0 = (int) first;
                for (int t = 0; t < width; t++) {
                    acc += h[t] * x[j0 + t];
                }
            } else {
                for (int t = 0; t < width; t++) {
                    acc += h[t] * x[Reflection.index(first + t, n)];
                }
            }
            y[k] = (float) acc;
        }
        return y;
    }

    /**
     * Filter taps for a branch: tap t weights input sample {@code base - halfTaps + 1 + t}, at distance
     * {@code frac + halfTaps - 1 - t} input samples from the output position ({@code frac = phase / up}).
     */
    private double[] taps(int phase) {
        double frac = (double) phase / up;
        double[] h = new double[2 * halfTaps];
        double sum = 0;
        for (int t = 0; t < h.length; t++) {
            double d = frac + halfTaps - 1 - t;
            h[t] = kernel(d);
            sum += h[t];
        }
        for (int t = 0; t < h.length; t++) {
            h[t] /= sum;
        }
        return h;
    }

    private double kernel(double d) {
        double u = d / halfTaps;
        if (Math.abs(u) >= 1) {
            return 0;
        }
        double arg = 2 * cutoff * d;
        double sinc = arg == 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
        return 2 * cutoff * sinc * besselI0(KAISER_BETA * Math.sqrt(1 - u * u)) / besselI0(KAISER_BETA);
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges fast for x < 30). */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static long scaledRate(double hz, String name) {
        if (!(hz > 0) || Double.isInfinite(hz)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + hz);
        }
        double scaled = hz * RATE_SCALE;
        long rounded = Math.round(scaled);
        if (rounded < 1 || Math.abs(scaled - rounded) > 1e-6 * Math.max(1.0, scaled)) {
            throw new IllegalArgumentException(name + " must be a multiple of 0.001 Hz, got " + hz);
        }
        return rounded;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
