package org.ecgpeft.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real file over 2 GiB: a BF16 tensor that crosses the 2^31 byte offset and a tensor stored
 * after it. Writes 2.2 GB and takes about a minute, so it only runs with
 * {@code -Decg.tensor.large=true}; the chunking logic itself is unit-tested with tiny limits.
 */
class LargeSafetensorsTest {

    private static final int N = 33_000;

    @TempDir
    Path tmp;

    @Test
    void tensorsBeyondTwoGibibytesRead() throws IOException {
        assumeTrue(Boolean.getBoolean("ecg.tensor.large"), "large-file check: run with -Decg.tensor.large=true");
        Path file = tmp.resolve("large.safetensors");
        writeLargeFile(file);
        try (TensorReader reader = Checkpoints.open(file);
                NDManager manager = NDManager.newBaseManager()) {
            assertArrayEquals(new float[] {1, 2, 3, 4}, reader.readFloats("b_tail"));
            NDArray big = reader.read("a_big", manager, DataType.FLOAT16);
            assertEquals(DataType.FLOAT16, big.getDataType());
            for (int row : new int[] {0, 1, 127, 16_499, 16_500, N - 1}) {
                for (int col : new int[] {0, 1, N - 2, N - 1}) {
                    float got = big.getScalar(row, col)
                            .toType(DataType.FLOAT32, false)
                            .getFloat();
                    assertEquals(value(row, col), got, 0f, row + "," + col);
                }
            }
        }
    }

    /** Integers below 128 with a sign: exact in BF16 and FP16. */
    private static float value(int row, int col) {
        return (row % 128) * (col % 2 == 1 ? -1 : 1);
    }

    private static void writeLargeFile(Path file) throws IOException {
        long bigBytes = 2L * N * N;
        String json = "{\"a_big\":{\"dtype\":\"BF16\",\"shape\":[" + N + "," + N + "],\"data_offsets\":[0," + bigBytes
                + "]},\"b_tail\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[" + bigBytes + ","
                + (bigBytes + 16) + "]}}";
        byte[] header = (json + " ".repeat((8 - json.length() % 8) % 8)).getBytes(StandardCharsets.US_ASCII);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeFully(
                    out,
                    ByteBuffer.allocate(8)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putLong(header.length)
                            .flip());
            writeFully(out, ByteBuffer.wrap(header));
            ByteBuffer row = ByteBuffer.allocate(2 * N).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < N; r++) {
                row.clear();
                for (int c = 0; c < N; c++) {
                    row.putShort((short) (Float.floatToIntBits(value(r, c)) >>> 16));
                }
                writeFully(out, row.flip());
            }
            ByteBuffer tail = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            writeFully(out, tail.putFloat(1).putFloat(2).putFloat(3).putFloat(4).flip());
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}
