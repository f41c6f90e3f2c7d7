package org.ecgpeft.signal;

import java.io.Serializable;
import java.util.Objects;

/**
 * Fixed-length windowing of a record.
 *
 * @param length samples per window (e.g. 600 for the PEFT study, 2,400 for MS-CNN)
 * @param stride samples between window starts (equal to {@code length} for non-overlapping windows)
 * @param pad    policy for a tail (or whole record) shorter than {@code length}
 */
public record WindowSpec(int length, int stride, PadPolicy pad) implements Serializable {

    public WindowSpec {
        if (length < 1) {
            throw new IllegalArgumentException("window length must be >= 1, got " + length);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("window stride must be >= 1, got " + stride);
        }
        Objects.requireNonNull(pad, "window pad policy");
    }

    /** Non-overlapping windows of {@code length} samples. */
    public static WindowSpec nonOverlapping(int length, PadPolicy pad) {
        return new WindowSpec(length, length, pad);
    }
}
