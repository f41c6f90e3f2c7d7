package org.ecgpeft.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafetensorsFileTest {

    @TempDir
    Path tmp;

    /** Tensor count, element count and sum of |x| per fixture, computed independently with numpy. */
    @ParameterizedTest
    @CsvSource({
        "ecgfm-tiny/io.safetensors, 4, 14400, 11645.061280",
        "hubert-tiny/hf_safetensors/model.safetensors, 50, 24162, 985.570032",
        "hubert-tiny/io.safetensors, 5, 9092, 7268.717100",
        "hubert-tiny/peft_lora/adapter_model.safetensors, 20, 2610, 351.067232",
        "hubert-tiny/peft_lora_grads.safetensors, 20, 2610, 4.846291",
        "hubert-tiny/peft_lora_io.safetensors, 4, 1607, 1254.377085",
        "qwen3-tiny/hf_bf16_sharded/model-00001-of-00007.safetensors, 1, 32768, 525.746023",
        "qwen3-tiny/hf_bf16_sharded/model-00002-of-00007.safetensors, 1, 32768, 522.732332",
        "qwen3-tiny/hf_bf16_sharded/model-00003-of-00007.safetensors, 3, 16448, 326.324825",
        "qwen3-tiny/hf_bf16_sharded/model-00004-of-00007.safetensors, 7, 18528, 391.682425",
        "qwen3-tiny/hf_bf16_sharded/model-00005-of-00007.safetensors, 4, 18496, 359.714500",
        "qwen3-tiny/hf_bf16_sharded/model-00006-of-00007.safetensors, 7, 18528, 390.334173",
        "qwen3-tiny/hf_bf16_sharded/model-00007-of-00007.safetensors, 2, 2112, 96.352778",
        "qwen3-tiny/hf_safetensors/model.safetensors, 25, 139648, 2612.964273",
        "qwen3-tiny/io.safetensors, 5, 26156, 13466.766953",
        "qwen3-tiny/io_bf16.safetensors, 2, 12312, 7025.483412",
        "qwen3-tiny/peft_lora/adapter_model.safetensors, 28, 8192, 1271.268746",
        "qwen3-tiny/peft_lora_grads.safetensors, 28, 8192, 101.843949",
        "qwen3-tiny/peft_lora_io.safetensors, 3, 12313, 7018.537045",
        "wav2vec2-tiny-stable/hf_safetensors/model.safetensors, 54, 24226, 1084.486211",
        "wav2vec2-tiny-stable/io.safetensors, 5, 9092, 5064.429118",
        "wav2vec2-tiny-stable/peft_lora/adapter_model.safetensors, 20, 2610, 357.937986",
        "wav2vec2-tiny-stable/peft_lora_grads.safetensors, 20, 2610, 0.821016",
        "wav2vec2-tiny-stable/peft_lora_io.safetensors, 4, 1607, 1244.427909",
        "wav2vec2-tiny/hf_safetensors/model.safetensors, 50, 24162, 1044.302137",
        "wav2vec2-tiny/io.safetensors, 5, 9092, 7264.890372",
        "wav2vec2-tiny/peft_lora/adapter_model.safetensors, 20, 2610, 354.706257",
        "wav2vec2-tiny/peft_lora_grads.safetensors, 20, 2610, 5.586875",
        "wav2vec2-tiny/peft_lora_io.safetensors, 4, 1607, 1274.613996"
    })
    void everyFixtureReads(String file, int tensors, long elements, double sumAbs) throws IOException {
        try (TensorReader reader = Checkpoints.open(Fixtures.of(file))) {
            assertEquals(tensors, reader.names().size());
            assertEquals(reader.names().stream().sorted().toList(), List.copyOf(reader.names()));
            long numel = 0;
            double sum = 0;
            for (String name : reader.names()) {
                float[] values = reader.readFloats(name);
                assertEquals(reader.meta(name).numel(), values.length, name);
                numel += values.length;
                for (float v : values) {
                    sum += Math.abs(v);
                }
            }
            assertEquals(elements, numel);
            assertEquals(sumAbs, sum, 1e-6 * sumAbs + 1e-5);
        }
    }

    @Test
    void fixtureFileFullyListed() throws IOException {
        long count;
        try (Stream<Path> files = Files.walk(Fixtures.ROOT)) {
            count = files.filter(p -> p.toString().endsWith(".safetensors")).count();
        }
        assertEquals(29, count, "a fixture was added or removed: extend everyFixtureReads");
    }

    @Test
    void djlArrayEqualsJavaFloatsAndShape() throws IOException {
        try (SafetensorsFile file = SafetensorsFile.open(Fixtures.of("qwen3-tiny/hf_safetensors/model.safetensors"));
                NDManager manager = NDManager.newBaseManager()) {
            assertEquals(Map.of("format", "pt"), file.metadata());
            for (String name : file.names()) {
                NDArray array = file.read(name, manager, DataType.FLOAT32);
                assertArrayEquals(file.meta(name).shape(), array.getShape().getShape(), name);
                assertArrayEquals(file.readFloats(name), array.toFloatArray(), name);
            }
        }
    }

    /** Loaded CPU arrays must not pin Java direct memory (-XX:MaxDirectMemorySize) while they live. */
    @Test
    void loadedArraysDoNotHoldDirectMemory() throws IOException, InterruptedException {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct"))
                .findFirst()
                .orElseThrow();
        try (TensorReader reader = Checkpoints.open(Fixtures.of("qwen3-tiny/hf_safetensors"));
                NDManager manager = NDManager.newBaseManager()) {
            long before = direct.getMemoryUsed();
            List<NDArray> arrays = new java.util.ArrayList<>();
            long total = 0;
            for (String name : reader.names()) {
                arrays.add(reader.read(name, manager, null));
                total += reader.meta(name).byteSize();
            }
            long held = Long.MAX_VALUE;
            for (int attempt = 0; attempt < 20 && held > total / 10; attempt++) {
                System.gc();
                Thread.sleep(50);
                held = direct.getMemoryUsed() - before;
            }
            assertTrue(held <= total / 10, held + " of " + total + " bytes still in direct buffers");
            // The arrays must still hold their values once the buffers they were made from are freed.
            List<String> names = List.copyOf(reader.names());
            for (int i = 0; i < names.size(); i++) {
                assertArrayEquals(reader.readFloats(names.get(i)), arrays.get(i).toFloatArray(), names.get(i));
            }
        }
    }

    @Test
    void integerTensorsKeepTheirType() throws IOException {
        try (TensorReader reader = Checkpoints.open(Fixtures.of("qwen3-tiny/io.safetensors"));
                NDManager manager = NDManager.newBaseManager()) {
            String ids = reader.names().stream()
                    .filter(n -> reader.meta(n).dtype() == TensorDType.I64)
                    .findFirst()
                    .orElseThrow();
            NDArray array = reader.read(ids, manager, null);
            assertEquals(DataType.INT64, array.getDataType());
            long[] longs = array.toLongArray();
            float[] floats = reader.readFloats(ids);
            for (int i = 0; i < longs.length; i++) {
                assertEquals(longs[i], floats[i], 0.0);
            }
            assertEquals(
                    DataType.FLOAT32,
                    reader.read(ids, manager, DataType.FLOAT32).getDataType());
        }
    }

    /** Tiny regions force a tensor to be mapped in many pieces; tiny array limits force row slices. */
    @Test
    void chunkedRegionsAndSlicesReadTheSameValues() throws IOException {
        Path path = Fixtures.of("qwen3-tiny/hf_bf16_sharded/model-00004-of-00007.safetensors");
        try (SafetensorsFile plain = SafetensorsFile.open(path);
                SafetensorsFile chunked = SafetensorsFile.open(path, 10, 600);
                NDManager manager = NDManager.newBaseManager()) {
            for (String name : plain.names()) {
                assertArrayEquals(plain.readFloats(name), chunked.readFloats(name), name);
                NDArray expected = plain.read(name, manager, DataType.FLOAT32);
                NDArray sliced = chunked.read(name, manager, DataType.FLOAT32);
                assertEquals(expected.getShape(), sliced.getShape(), name);
                assertArrayEquals(expected.toFloatArray(), sliced.toFloatArray(), name);
            }
        }
    }

    @Test
    void oneRowOverTheArrayLimitIsRefused() throws IOException {
        Path path = Fixtures.of("qwen3-tiny/hf_safetensors/model.safetensors");
        try (SafetensorsFile file = SafetensorsFile.open(path, 1 << 20, 16);
                NDManager manager = NDManager.newBaseManager()) {
            String matrix = file.names().stream()
                    .filter(n -> file.meta(n).shape().length == 2)
                    .findFirst()
                    .orElseThrow();
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> file.read(matrix, manager, DataType.FLOAT32));
            assertTrue(e.getMessage().contains(matrix), e.getMessage());
        }
    }

    @Test
    void aBadShardIndexNamesTheFileAndTheKey(@TempDir Path dir) throws IOException {
        Path index = dir.resolve("model.safetensors.index.json");
        Files.writeString(index, "{\"metadata\": {\"total_size\": 8}}");
        IOException e = assertThrows(IOException.class, () -> ShardedSafetensors.open(index));
        assertEquals("bad safetensors index " + index + ": missing key \"weight_map\"", e.getMessage());
        Files.writeString(index, "{\"weight_map\": {\"a.weight\": 3}}");
        e = assertThrows(IOException.class, () -> ShardedSafetensors.open(index));
        assertEquals(
                "bad safetensors index " + index + ": key \"weight_map.a.weight\": expected a string, got 3",
                e.getMessage());
    }

    @Test
    void bf16ShardsEqualF32WeightsRoundedToBf16() throws IOException {
        try (TensorReader bf16 = Checkpoints.open(Fixtures.of("qwen3-tiny/hf_bf16_sharded"));
                TensorReader f32 = Checkpoints.open(Fixtures.of("qwen3-tiny/hf_safetensors"))) {
            assertTrue(bf16 instanceof ShardedSafetensors);
            assertEquals(7, ((ShardedSafetensors) bf16).shardCount());
            // The f32 file may hold a tied lm_head the bf16 save dropped; every bf16 tensor must match.
            assertTrue(f32.names().containsAll(bf16.names()), "bf16 names " + bf16.names());
            for (String name : bf16.names()) {
                assertEquals(TensorDType.BF16, bf16.meta(name).dtype());
                assertArrayEquals(f32.meta(name).shape(), bf16.meta(name).shape(), name);
                float[] rounded = bf16.readFloats(name);
                float[] exact = f32.readFloats(name);
                for (int i = 0; i < exact.length; i++) {
                    assertEquals(exact[i], rounded[i], Math.abs(exact[i]) * 0x1p-8f, name + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void bf16NarrowsToFp16InJava() throws IOException {
        try (TensorReader bf16 = Checkpoints.open(Fixtures.of("qwen3-tiny/hf_bf16_sharded"));
                NDManager manager = NDManager.newBaseManager()) {
            for (String name : bf16.names()) {
                NDArray half = bf16.read(name, manager, DataType.FLOAT16);
                assertEquals(DataType.FLOAT16, half.getDataType());
                float[] widened = bf16.readFloats(name);
                float[] back = half.toType(DataType.FLOAT32, false).toFloatArray();
                for (int i = 0; i < widened.length; i++) {
                    assertEquals(HalfFloat.toFloat(HalfFloat.fromFloat(widened[i])), back[i], 0f, name);
                }
            }
        }
    }

    @Test
    void absentTensorNamesKeyAndFile() throws IOException {
        Path path = Fixtures.of("qwen3-tiny/hf_bf16_sharded/model.safetensors.index.json");
        try (TensorReader reader = Checkpoints.open(path)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reader.meta("nope.weight"));
            assertTrue(
                    e.getMessage().contains("nope.weight") && e.getMessage().contains(path.toString()), e.getMessage());
        }
    }

    @Test
    void truncatedFileIsRefusedWithItsName() throws IOException {
        byte[] full = Files.readAllBytes(Fixtures.of("hubert-tiny/peft_lora/adapter_model.safetensors"));
        Path cut = tmp.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(full, full.length - 100));
        IOException e = assertThrows(IOException.class, () -> SafetensorsFile.open(cut));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains(cut.toString()), e.getMessage());

        Path stub = tmp.resolve("stub.safetensors");
        Files.write(stub, new byte[] {1, 2, 3});
        IOException e2 = assertThrows(IOException.class, () -> SafetensorsFile.open(stub));
        assertTrue(e2.getMessage().contains("truncated") && e2.getMessage().contains(stub.toString()), e2.getMessage());
    }

    @Test
    void badHeaderJsonIsRefusedWithItsName() throws IOException {
        Path bad = tmp.resolve("bad.safetensors");
        byte[] json = "{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]"
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + json.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(json.length).put(json).putFloat(1f);
        Files.write(bad, buffer.array());
        IOException e = assertThrows(IOException.class, () -> SafetensorsFile.open(bad));
        assertTrue(
                e.getMessage().contains("bad safetensors header JSON")
                        && e.getMessage().contains(bad.toString()),
                e.getMessage());
    }

    @Test
    void offsetsThatDisagreeWithTheShapeAreRefused() throws IOException {
        Path bad = tmp.resolve("offsets.safetensors");
        byte[] json =
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + json.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(json.length).put(json).putFloat(1f).putFloat(2f);
        Files.write(bad, buffer.array());
        IOException e = assertThrows(IOException.class, () -> SafetensorsFile.open(bad));
        assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("needs 8 bytes"), e.getMessage());
    }

    @Test
    void missingShardIsNamed() throws IOException {
        Path source = Fixtures.of("qwen3-tiny/hf_bf16_sharded");
        Path copy = tmp.resolve("sharded");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals("model-00003-of-00007.safetensors")) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
        }
        IOException e = assertThrows(IOException.class, () -> Checkpoints.open(copy));
        assertTrue(
                e.getMessage().contains("model-00003-of-00007.safetensors")
                        && e.getMessage().contains("missing"),
                e.getMessage());
    }

    @Test
    void folderWithoutCheckpointListsWhatWasExpected() {
        IOException e = assertThrows(IOException.class, () -> Checkpoints.open(tmp));
        assertTrue(
                e.getMessage().contains("model.safetensors.index.json")
                        && e.getMessage().contains(tmp.toString()),
                e.getMessage());
    }
}
