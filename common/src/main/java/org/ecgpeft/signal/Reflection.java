package org.ecgpeft.signal;

/** Mirror-reflection index arithmetic shared by padding and resampling edges. */
final class Reflection {

    private Reflection() {}

    /**
     * Index into {@code [0, n)} that position {@code i} maps to when the signal is extended by
     * reflection about its end samples without repeating them (numpy "reflect": for n = 4,
     * positions 4, 5, 6 map to 2, 1, 0 and -1, -2 map to 1, 2); repeated as often as needed.
     */
    static int index(long i, int n) {
        if (n == 1) {
            return 0;
        }
        long period = 2L * (n - 1);
        long j = Math.floorMod(i, period);
        return (int) (j < n ? j : period - j);
    }
}
