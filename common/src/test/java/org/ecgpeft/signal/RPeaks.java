package org.ecgpeft.signal;

import java.util.Arrays;

/** A simple R-peak detector for test assertions on synthetic ECG (positive, dominant R waves). */
final class RPeaks {

    private RPeaks() {}

    /** Sample indices of R peaks. */
    static int[] detect(float[] x, double fs) {
        int n = x.length;
        int half = (int) Math.round(0.125 * fs);
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + x[i];
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int a = Math.max(0, i - half);
            int b = Math.min(n, i + half + 1);
            y[i] = x[i] - (prefix[b] - prefix[a]) / (b - a);
        }
        double[] sorted = y.clone();
        Arrays.sort(sorted);
        double threshold = 0.5 * sorted[(int) (0.99 * (n - 1))];
        int refractory = (int) Math.round(0.2 * fs);
        int[] peaks = new int[n];
        int count = 0;
        for (int i = 1; i < n - 1; i++) {
            if (y[i] > threshold && y[i] >= y[i - 1] && y[i] > y[i + 1]) {
                if (count > 0 && i - peaks[count - 1] < refractory) {
                    if (y[i] > y[peaks[count - 1]]) {
                        peaks[count - 1] = i;
                    }
                } else {
                    peaks[count++] = i;
                }
            }
        }
        return Arrays.copyOf(peaks, count);
    }

    /** Coefficient of variation of the intervals between consecutive peaks. */
    static double rrCv(int[] peaks) {
        double[] rr = intervals(peaks);
        double mean = Arrays.stream(rr).average().orElse(Double.NaN);
        double var =
                Arrays.stream(rr).map(v -> (v - mean) * (v - mean)).average().orElse(Double.NaN);
        return Math.sqrt(var) / mean;
    }

    static double[] intervals(int[] peaks) {
        double[] rr = new double[peaks.length - 1];
        for (int i = 1; i < peaks.length; i++) {
            rr[i - 1] = peaks[i] - peaks[i - 1];
        }
        return rr;
    }

    /**
     * Peak-to-peak amplitude of the R-aligned average beat between 26% and 15% of the median RR interval
     * before the R peak, where a sinus P wave sits, relative to the average R height above that window's
     * start. Only beats that follow an interval at least as long as the median are used, so the window
     * does not catch the previous T wave; averaging cancels activity that is not locked to the R peak
     * (f-waves, noise, wander).
     */
    static double pWaveToR(float[] x, int[] peaks) {
        double[] rr = intervals(peaks);
        double[] sorted = rr.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        int from = (int) Math.round(0.26 * median);
        int to = (int) Math.round(0.15 * median);
        int[] usable = java.util.stream.IntStream.range(1, peaks.length)
                .filter(i -> rr[i - 1] >= median)
                .map(i -> peaks[i])
                .toArray();
        double[] column = new double[usable.length];
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int lag = from; lag >= to; lag--) {
            for (int b = 0; b < usable.length; b++) {
                column[b] = x[usable[b] - lag];
            }
            double m = Arrays.stream(column).average().orElseThrow();
            min = Math.min(min, m);
            max = Math.max(max, m);
        }
        for (int b = 0; b < usable.length; b++) {
            column[b] = x[usable[b]] - x[usable[b] - from];
        }
        return (max - min) / Arrays.stream(column).average().orElseThrow();
    }
}
