package org.ecgpeft.jobs.preprocess;

import java.util.List;

/** Converts Spark's boxed {@code array<float>} values to primitive arrays. */
final class Floats {
  private Floats() {}

  static float[] of(List<Float> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
