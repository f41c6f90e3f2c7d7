package org.ecgpeft.signal;

/**
 * What {@link Windowing} does with a tail shorter than a window, or a record shorter than one window.
 */
public enum PadPolicy {
    /** Emit the short piece padded with zeros at the end. */
    ZERO_PAD,
    /** Drop the short piece (a record shorter than a window yields no windows). */
    DROP,
    /** Emit the short piece extended by mirror reflection of the signal (numpy "reflect"). */
    REFLECT
}
