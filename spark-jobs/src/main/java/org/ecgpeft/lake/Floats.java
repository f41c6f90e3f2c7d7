package org.ecgpeft.lake;

import java.util.List;

/** Converts Spark's boxed {@code array<float>} values to primitive arrays. */
public final class Floats {
    private Floats() {}

    /** A primitive copy of a non-null {@code array<float>} value without null elements. */
    public static float[] of(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
