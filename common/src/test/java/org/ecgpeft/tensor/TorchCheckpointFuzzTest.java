package org.ecgpeft.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged torch zip checkpoints ({@code .bin}, {@code .pt}), seeded: each ends in an error naming the file. */
class TorchCheckpointFuzzTest {

    @TempDir
    Path tmp;

    private ReaderFuzz fuzz() {
        return new ReaderFuzz(tmp, file -> {
            try (TensorReader reader = Checkpoints.open(file)) {
                for (String name : reader.names()) {
                    reader.readFloats(name);
                }
            }
        });
    }

    @Test
    void truncationsAndByteFlipsOfRealCheckpoints() throws IOException {
        for (String fixture : new String[] {"hubert-tiny/hf_bin/pytorch_model.bin", "ecgfm-tiny/checkpoint.pt"}) {
            byte[] seed = Files.readAllBytes(Fixtures.of(fixture));
            String name = Path.of(fixture).getFileName().toString();
            ReaderFuzz fuzz = fuzz().warmUp(seed, "intact-" + name)
                    .truncations(seed, name, 40, 11)
                    .byteFlips(seed, name, 0, seed.length, 80, 12);
            assertTrue(fuzz.failures() >= 40, name + ": failures " + fuzz.failures());
        }
    }

    @Test
    void byteFlipsInsideThePickle() throws IOException {
        byte[] pickle = new PickleBuilder()
                .op('}')
                .op('(')
                .str("a")
                .tensor("FloatStorage", "0", 6, 0, new int[] {2, 3}, new int[] {3, 1})
                .str("b")
                .tensor("FloatStorage", "0", 6, 1, new int[] {2}, new int[] {2})
                .op('u')
                .stop();
        byte[] seed = zip(pickle, Map.of("0", floats(6)));
        int at = indexOf(seed, pickle);
        ReaderFuzz fuzz = fuzz().warmUp(seed, "intact.pt").byteFlips(seed, "pickle", at, at + pickle.length, 400, 21);
        assertTrue(fuzz.failures() > 0, "failures " + fuzz.failures());
    }

    @Test
    void viewsOutsideTheirStorageAreRefusedBeforeAnyByteIsRead() throws IOException {
        ReaderFuzz fuzz = fuzz().warmUp(tensorFile(4, 0, new int[] {4}, new int[] {1}, 16), "intact.pt");
        // a negative offset used to be skipped as 0, reading the storage's first bytes as the tensor
        fuzz.expectFailure(tensorFile(4, -1, new int[] {2}, new int[] {1}, 16), "negative-offset.pt", "negative");
        fuzz.expectFailure(tensorFile(4, 0, new int[] {-2}, new int[] {1}, 16), "negative-size.pt", "negative");
        fuzz.expectFailure(tensorFile(4, 3, new int[] {2}, new int[] {-1}, 16), "negative-stride.pt", "negative");
        fuzz.expectFailure(tensorFile(4, 3, new int[] {2}, new int[] {1}, 16), "past-storage.pt", "past the storage");
        fuzz.expectFailure(tensorFile(-4, 0, new int[] {2}, new int[] {1}, 16), "negative-numel.pt", "negative");
        // a huge declared shape, within the storage's declared length but not the entry's bytes
        fuzz.expectFailure(
                tensorFile(Integer.MAX_VALUE, 0, new int[] {Integer.MAX_VALUE}, new int[] {1}, 16),
                "huge.pt",
                "truncated");
        fuzz.expectFailure(
                tensorFile(
                        4,
                        0,
                        new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE},
                        new int[] {1, 1, 1},
                        16),
                "overflow.pt",
                "64-bit");
        // an expanded view (stride 0) would materialize far more elements than the storage holds
        fuzz.expectFailure(
                tensorFile(1, 0, new int[] {Integer.MAX_VALUE}, new int[] {0}, 4), "expanded.pt", "overlaps");
        // a pickle string whose declared length runs past the pickle: refused before allocating it
        byte[] pickle = new PickleBuilder().op('}').stop();
        ByteArrayOutputStream longString = new ByteArrayOutputStream();
        longString.write(pickle, 0, pickle.length - 1);
        longString.writeBytes(new byte[] {'X', (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 'a', '.'});
        fuzz.expectFailure(zip(longString.toByteArray(), Map.of()), "long-string.pt", "declares");
    }

    @Test
    void theStorageBytesOfAnOffsetViewAreTheOnesItNames() throws IOException {
        Path file = tmp.resolve("offset.pt");
        Files.write(file, tensorFile(4, 2, new int[] {2}, new int[] {1}, 16));
        try (TensorReader reader = Checkpoints.open(file)) {
            assertArrayEquals(new float[] {2, 3}, reader.readFloats("w"));
        }
    }

    /** A checkpoint with one float tensor {@code w} over storage "0" holding {@code storageBytes} bytes 0, 1, 2, ... */
    private byte[] tensorFile(int numel, int offset, int[] size, int[] stride, int storageBytes) throws IOException {
        byte[] pickle = new PickleBuilder()
                .op('}')
                .str("w")
                .tensor("FloatStorage", "0", numel, offset, size, stride)
                .op('s')
                .stop();
        return zip(pickle, Map.of("0", floats(storageBytes / 4)));
    }

    private byte[] zip(byte[] pickle, Map<String, byte[]> storages) throws IOException {
        Path file = tmp.resolve("build.zip");
        PickleBuilder.writeZip(file, pickle, storages);
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        return bytes;
    }

    private static byte[] floats(int n) {
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat(i);
        }
        return b.array();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("pickle not found in the zip");
    }
}
