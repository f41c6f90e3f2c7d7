package org.ecgpeft.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWriterTest {

    @TempDir
    Path tmp;

    @Test
    void roundTripKeepsNamesShapesTypesValuesAndMetadata() throws IOException {
        Path file = tmp.resolve("out.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.arange(12f).reshape(3, 4).div(7f);
            NDArray half = manager.create(new float[] {1.5f, -2.25f, 0.1f}).toType(DataType.FLOAT16, false);
            NDArray ids = manager.create(new long[] {3, -1, 1L << 40});
            NDArray scalar = manager.create(2.5f);
            Map<String, NDArray> tensors = Map.of("b.weight", weight, "a.half", half, "c.ids", ids, "d.scalar", scalar);
            SafetensorsWriter.write(file, tensors, Map.of("format", "pt"));
            try (SafetensorsFile read = SafetensorsFile.open(file)) {
                assertEquals(List.of("a.half", "b.weight", "c.ids", "d.scalar"), List.copyOf(read.names()));
                assertEquals(Map.of("format", "pt"), read.metadata());
                for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
                    NDArray back = read.read(e.getKey(), manager, null);
                    assertEquals(e.getValue().getDataType(), back.getDataType(), e.getKey());
                    assertEquals(e.getValue().getShape(), back.getShape(), e.getKey());
                    assertArrayEquals(e.getValue().toByteArray(), back.toByteArray(), e.getKey());
                }
                assertEquals(TensorDType.F16, read.meta("a.half").dtype());
                assertEquals(new Shape(), read.read("d.scalar", manager, null).getShape());
            }
        }
        assertFalse(Files.exists(tmp.resolve("out.safetensors.tmp")));
    }

    @Test
    void headerIsSortedPaddedToEightBytesAndDataFollowsInNameOrder() throws IOException {
        Path file = tmp.resolve("layout.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            SafetensorsWriter.write(
                    file,
                    Map.of("z", manager.create(new float[] {1f}), "a", manager.create(new float[] {2f, 3f})),
                    Map.of());
        }
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = bytes.getLong();
        assertEquals(0, headerLength % 8);
        String header = new String(bytes.array(), 8, (int) headerLength, StandardCharsets.UTF_8);
        assertEquals(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"z\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}",
                header.strip());
        bytes.position(8 + (int) headerLength);
        assertEquals(2f, bytes.getFloat());
        assertEquals(3f, bytes.getFloat());
        assertEquals(1f, bytes.getFloat());
        assertFalse(bytes.hasRemaining());
    }

    @Test
    void fixtureRewrittenReadsTheSame() throws IOException {
        Path source = Fixtures.of("wav2vec2-tiny/peft_lora/adapter_model.safetensors");
        Path copy = tmp.resolve("adapter_model.safetensors");
        try (SafetensorsFile original = SafetensorsFile.open(source);
                NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> arrays = new java.util.TreeMap<>();
            for (String name : original.names()) {
                arrays.put(name, original.read(name, manager, null));
            }
            SafetensorsWriter.write(copy, arrays, original.metadata());
            try (SafetensorsFile rewritten = SafetensorsFile.open(copy)) {
                assertEquals(original.names(), rewritten.names());
                for (String name : original.names()) {
                    assertArrayEquals(original.readFloats(name), rewritten.readFloats(name), name);
                }
            }
        }
        assertEquals(Files.size(source), Files.size(copy));
    }
}
