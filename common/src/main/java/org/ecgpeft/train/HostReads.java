package org.ecgpeft.train;

import ai.djl.ndarray.NDArray;

/**
 * The one way the training loop copies values from the device to the host. A read waits for every queued
 * kernel, so the loop reads only when progress is due; counting the reads here lets a test hold it to that.
 * One instance per loop; not thread-safe.
 */
public final class HostReads {

    private long count;

    /** The values of {@code array} on the host (one device-to-host copy). */
    public float[] read(NDArray array) {
        count++;
        return array.toFloatArray();
    }

    /** Reads made so far. */
    public long count() {
        return count;
    }
}
