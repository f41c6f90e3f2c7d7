package org.ecgpeft.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged safetensors files, seeded: each ends in an error naming the file, or reads what the file holds. */
class SafetensorsFuzzTest {

    @TempDir
    Path tmp;

    private ReaderFuzz fuzz() {
        return new ReaderFuzz(tmp, file -> {
            try (SafetensorsFile reader = SafetensorsFile.open(file)) {
                for (String name : reader.names()) {
                    reader.readFloats(name);
                }
            }
        });
    }

    @Test
    void truncationsAndByteFlipsOfARealFile() throws IOException {
        byte[] seed = Files.readAllBytes(Fixtures.of("hubert-tiny/peft_lora/adapter_model.safetensors"));
        int headerEnd = 8
                + (int) ByteBuffer.wrap(seed, 0, 8)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getLong();
        ReaderFuzz fuzz = fuzz().warmUp(seed, "intact.safetensors")
                .truncations(seed, "lora", 60, 1)
                // the length prefix and the JSON header: data bytes have no structure to damage
                .byteFlips(seed, "lora-length", 0, 8, 40, 2)
                .byteFlips(seed, "lora-header", 8, headerEnd, 300, 3);
        assertTrue(fuzz.failures() >= 60 + 40, "failures " + fuzz.failures());
    }

    @Test
    void declaredOffsetsAndShapesOutsideTheFileAreRefused() throws IOException {
        ReaderFuzz fuzz = fuzz().warmUp(
                        file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8),
                        "intact.safetensors");
        String w = "{\"w\":{\"dtype\":\"F32\",\"shape\":%s,\"data_offsets\":%s}}";
        fuzz.expectFailure(file(w.formatted("[2]", "[-8,0]"), 8), "negative.safetensors", "data_offsets");
        fuzz.expectFailure(file(w.formatted("[2]", "[8,16]"), 8), "past-end.safetensors", "truncated");
        fuzz.expectFailure(file(w.formatted("[-2]", "[0,8]"), 8), "negative-dim.safetensors", "negative dimension");
        fuzz.expectFailure(file(w.formatted("[4611686018427387904,4]", "[0,8]"), 8), "overflow.safetensors", "64-bit");
        fuzz.expectFailure(
                file(w.formatted("[1000000000,1000]", "[0,4000000000000]"), 8), "huge.safetensors", "truncated");
        // begin and end near Long.MAX_VALUE: adding the data start would wrap around to a negative position
        fuzz.expectFailure(
                file(w.formatted("[2]", "[9223372036854775799,9223372036854775807]"), 8),
                "wrap.safetensors",
                "truncated");
        fuzz.expectFailure(file(w.formatted("[2]", "[0.5,8.5]"), 8), "fraction.safetensors", "data_offsets");
        fuzz.expectFailure(
                file(w.formatted("[2]", "[0,99999999999999999999999]"), 8), "bigint.safetensors", "data_offsets");
        fuzz.expectFailure(
                file(
                        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                        8),
                "overlap.safetensors",
                "overlap");
        fuzz.expectFailure(
                file(w.formatted("[2]", "[0,8]"), 8, Long.MAX_VALUE), "header-length.safetensors", "header length");
        fuzz.expectFailure(file(w.formatted("[2]", "[0,8]"), 8, -3), "negative-header.safetensors", "header length");
        fuzz.expectFailure(
                file("{\"w\":{\"dtype\":\"Q7\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "dtype.safetensors", "'w'");
    }

    private static byte[] file(String json, int dataBytes) {
        return file(json, dataBytes, json.getBytes(StandardCharsets.UTF_8).length);
    }

    private static byte[] file(String json, int dataBytes, long declaredHeaderLength) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + header.length + dataBytes)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(declaredHeaderLength)
                .put(header)
                .array();
    }
}
