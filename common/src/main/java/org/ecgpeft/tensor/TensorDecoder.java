package org.ecgpeft.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns stored tensor bytes into a DJL array: float types are converted in Java (BF16 is widened
 * with {@code bits << 16}, which DJL's PyTorch JNI cannot do) straight into the direct buffer the
 * array is created from, so a tensor is copied once. Arrays over {@code maxArrayBytes} (a direct
 * buffer holds at most 2 GiB) are built in slices along dimension 0 and concatenated.
 */
final class TensorDecoder {

    /** The largest direct ByteBuffer Java can allocate. */
    static final long MAX_BUFFER_BYTES = Integer.MAX_VALUE - 8;

    private final long maxArrayBytes;

    TensorDecoder(long maxArrayBytes) {
        if (maxArrayBytes <= 0 || maxArrayBytes > MAX_BUFFER_BYTES) {
            throw new IllegalArgumentException(
                    "maxArrayBytes must be in (0, " + MAX_BUFFER_BYTES + "]: " + maxArrayBytes);
        }
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            // Checkpoints are little-endian and are copied raw into native-order arrays.
            throw new UnsupportedOperationException("big-endian platforms are not supported");
        }
        this.maxArrayBytes = maxArrayBytes;
    }

    /** The type the array is created with in Java before any DJL-side cast to {@code target}. */
    static DataType javaOutputType(TensorDType stored, DataType target) {
        if (target != null && stored.isFloating() && (target == DataType.FLOAT32 || target == DataType.FLOAT16)) {
            return target;
        }
        return stored.djlType();
    }

    NDArray decode(TensorMeta meta, TensorBytes bytes, NDManager manager, DataType target) throws IOException {
        DataType out = javaOutputType(meta.dtype(), target);
        long[] shape = meta.shape();
        long outBytes = Math.multiplyExact(meta.numel(), out.getNumOfBytes());
        boolean whole = outBytes <= maxArrayBytes;
        NDArray array = whole
                ? decodeRows(meta, bytes, manager, out, 0, shape.length == 0 ? 1 : shape[0])
                : decodeInSlices(meta, bytes, manager, out, outBytes);
        if (target != null && array.getDataType() != target) {
            NDArray cast = array.toType(target, false);
            array.close();
            return cast;
        }
        return whole && !array.getDevice().isGpu() && shape.length > 0 ? ownedByTorch(array, manager) : array;
    }

    /**
     * Copies a CPU array created from a direct buffer into memory libtorch allocates. DJL's CPU
     * arrays alias the buffer they were created from, so loaded weights would otherwise count
     * against -XX:MaxDirectMemorySize for the model's lifetime. ({@code toType(same, true)} is no
     * copy in DJL 0.35: it returns a second handle on the same storage.)
     */
    private static NDArray ownedByTorch(NDArray array, NDManager manager) {
        NDArray owned = manager.create(array.getShape(), array.getDataType());
        owned.set(new NDIndex("..."), array);
        array.close();
        return owned;
    }

    private NDArray decodeInSlices(TensorMeta meta, TensorBytes bytes, NDManager manager, DataType out, long outBytes)
            throws IOException {
        long[] shape = meta.shape();
        long rows = shape.length == 0 ? 1 : shape[0];
        long rowBytes = outBytes / Math.max(rows, 1);
        long rowsPerSlice = maxArrayBytes / Math.max(rowBytes, 1);
        if (shape.length == 0 || rowsPerSlice == 0) {
            throw new IllegalArgumentException("tensor " + meta + ": one row of " + rowBytes + " bytes exceeds the "
                    + maxArrayBytes + "-byte array limit");
        }
        List<NDArray> slices = new ArrayList<>();
        try {
            for (long row = 0; row < rows; row += rowsPerSlice) {
                slices.add(decodeRows(meta, bytes, manager, out, row, Math.min(rowsPerSlice, rows - row)));
            }
            return NDArrays.concat(new NDList(slices), 0);
        } finally {
            slices.forEach(NDArray::close);
        }
    }

    private static NDArray decodeRows(
            TensorMeta meta, TensorBytes bytes, NDManager manager, DataType out, long firstRow, long rowCount)
            throws IOException {
        long[] shape = meta.shape();
        long rowElements = shape.length == 0 ? 1 : meta.numel() / Math.max(shape[0], 1);
        long elements = rowElements * rowCount;
        int inSize = meta.dtype().byteSize();
        ByteBuffer buffer = ByteBuffer.allocateDirect(Math.toIntExact(elements * out.getNumOfBytes()))
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.copy(
                firstRow * rowElements * inSize,
                elements * inSize,
                inSize,
                chunk -> convert(chunk, meta.dtype(), buffer, out));
        if (buffer.hasRemaining()) {
            throw new IllegalStateException(
                    "tensor '" + meta.name() + "': got " + buffer.position() + " of " + buffer.capacity() + " bytes");
        }
        buffer.flip();
        long[] sliceShape = shape.clone();
        if (shape.length > 0) {
            sliceShape[0] = rowCount;
        }
        return manager.create(buffer, new Shape(sliceShape), out);
    }

    /** Appends the elements of {@code chunk} (stored as {@code from}) to {@code dst} as {@code to}. */
    static void convert(ByteBuffer chunk, TensorDType from, ByteBuffer dst, DataType to) {
        ByteBuffer src = chunk.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (from != TensorDType.BF16 && from.djlType() == to) {
            dst.put(src);
            return;
        }
        while (src.hasRemaining()) {
            float v = readFloat(src, from);
            if (to == DataType.FLOAT32) {
                dst.putFloat(v);
            } else if (to == DataType.FLOAT16) {
                dst.putShort(HalfFloat.fromFloat(v));
            } else {
                throw new IllegalArgumentException("cannot convert " + from + " to " + to + " in Java");
            }
        }
    }

    /** Reads one element of {@code dtype} as a float (integers are converted, possibly inexactly). */
    static float readFloat(ByteBuffer src, TensorDType dtype) {
        return switch (dtype) {
            case F32 -> src.getFloat();
            case F16 -> HalfFloat.toFloat(src.getShort());
            case BF16 -> HalfFloat.bf16ToFloat(src.getShort());
            case F64 -> (float) src.getDouble();
            case I64 -> src.getLong();
            case I32 -> src.getInt();
            case I16 -> src.getShort();
            case I8 -> src.get();
            case U8 -> src.get() & 0xff;
            case BOOL -> src.get() != 0 ? 1f : 0f;
        };
    }

    /** Reads a whole tensor as floats without DJL. */
    static float[] readFloats(TensorMeta meta, TensorBytes bytes) throws IOException {
        float[] values = new float[Math.toIntExact(meta.numel())];
        int[] next = {0};
        bytes.copy(0, meta.byteSize(), meta.dtype().byteSize(), chunk -> {
            ByteBuffer src = chunk.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            while (src.hasRemaining()) {
                values[next[0]++] = readFloat(src, meta.dtype());
            }
        });
        return values;
    }
}
