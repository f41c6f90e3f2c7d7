package org.ecgpeft.signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a record into fixed-length windows. Full windows start at 0, stride, 2*stride, ...; if
 * samples remain after the last full window, one more window starts at the next stride position and
 * is padded (or dropped) according to {@link PadPolicy}. A record shorter than one window is handled
 * the same way, starting at 0. Windows are copies, so callers may normalise them in place.
 */
public final class Windowing {

    private Windowing() {}

    /** The windows of {@code signal}, in order; empty for an empty signal. */
    public static List<float[]> windows(float[] signal, WindowSpec spec) {
        int n = signal.length;
        int len = spec.length();
        List<float[]> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        long start = 0;
        for (; start + len <= n; start += spec.stride()) {
            out.add(Arrays.copyOfRange(signal, (int) start, (int) start + len));
        }
        boolean uncovered = out.isEmpty() || start - spec.stride() + len < n;
        if (uncovered && start < n && spec.pad() != PadPolicy.DROP) {
            out.add(padded(signal, (int) start, len, spec.pad()));
        }
        return out;
    }

    /** Number of windows {@link #windows} returns for a signal of {@code n} samples. */
    public static int count(int n, WindowSpec spec) {
        if (n == 0) {
            return 0;
        }
        int full = n >= spec.length() ? (n - spec.length()) / spec.stride() + 1 : 0;
        long nextStart = (long) full * spec.stride();
        boolean uncovered = full == 0 || nextStart - spec.stride() + spec.length() < n;
        return full + (uncovered && nextStart < n && spec.pad() != PadPolicy.DROP ? 1 : 0);
    }

    private static float[] padded(float[] signal, int start, int len, PadPolicy pad) {
        float[] w = new float[len];
        int available = signal.length - start;
        System.arraycopy(signal, start, w, 0, available);
        if (pad == PadPolicy.REFLECT) {
            for (int i = available; i < len; i++) {
                w[i] = signal[Reflection.index((long) start + i, signal.length)];
            }
        }
        return w;
    }
}
