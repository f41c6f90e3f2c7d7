package org.ecgpeft.tensor;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The stored little-endian bytes of one tensor, handed out in chunks so that no caller needs the
 * whole tensor (or file) in one Java array.
 */
@FunctionalInterface
interface TensorBytes {

    /**
     * Passes bytes {@code [offset, offset + length)} of the tensor to {@code sink} in order, as
     * little-endian buffers whose lengths are multiples of {@code elementSize}.
     */
    void copy(long offset, long length, int elementSize, ChunkSink sink) throws IOException;

    /** Receives one chunk; the buffer is only valid during the call. */
    @FunctionalInterface
    interface ChunkSink {
        void accept(ByteBuffer chunk);
    }
}
