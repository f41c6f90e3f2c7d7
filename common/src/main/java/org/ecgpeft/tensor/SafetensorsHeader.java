package org.ecgpeft.tensor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The parsed and validated header of a safetensors file: an 8-byte little-endian header length,
 * a JSON object of {@code name -> {dtype, shape, data_offsets}} plus optional {@code __metadata__},
 * then the data section the offsets are relative to.
 */
record SafetensorsHeader(
        SortedMap<String, TensorMeta> metas, Map<String, Long> absoluteOffsets, Map<String, String> metadata) {

    /** Refuses absurd header lengths before allocating (the format caps it at 100 MB). */
    private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    static SafetensorsHeader read(FileChannel channel, Path file) throws IOException {
        long fileSize = channel.size();
        if (fileSize < 8) {
            throw new IOException("truncated safetensors file " + file + ": " + fileSize
                    + " bytes, shorter than the 8-byte header length");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lengthBytes, 0, file);
        long headerLength = lengthBytes.flip().getLong();
        if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || headerLength > fileSize - 8) {
            throw new IOException("bad safetensors file " + file + ": header length " + headerLength
                    + " does not fit the file size " + fileSize + " (truncated or not safetensors)");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(channel, headerBytes, 8, file);
        JsonNode root;
        try {
            root = JSON.readTree(new String(headerBytes.array(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IOException("bad safetensors header JSON in " + file + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("bad safetensors header in " + file + ": not a JSON object");
        }
        return parse(root, file, 8 + headerLength, fileSize);
    }

    private static SafetensorsHeader parse(JsonNode root, Path file, long dataStart, long fileSize) throws IOException {
        SortedMap<String, TensorMeta> metas = new TreeMap<>();
        Map<String, Long> offsets = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode node = field.getValue();
            if (name.equals("__metadata__")) {
                node.fields()
                        .forEachRemaining(
                                e -> metadata.put(e.getKey(), e.getValue().asText()));
                continue;
            }
            TensorMeta meta = parseMeta(name, node, file);
            JsonNode range = node.get("data_offsets");
            if (range == null || !range.isArray() || range.size() != 2) {
                throw new IOException("bad safetensors header in " + file + ": tensor '" + name
                        + "' needs data_offsets [begin, end]");
            }
            long begin = offset(range.get(0));
            long end = offset(range.get(1));
            if (begin < 0 || end < begin || end - begin != byteSize(meta, file)) {
                throw new IOException("bad safetensors header in " + file + ": tensor '" + name + "' " + meta
                        + " has data_offsets [" + range.get(0) + ", " + range.get(1) + "] but needs "
                        + byteSize(meta, file) + " bytes");
            }
            // Compared without adding to dataStart, which could overflow past a huge declared end.
            if (end > fileSize - dataStart) {
                throw new IOException("truncated safetensors file " + file + ": tensor '" + name + "' ends at byte "
                        + (dataStart + end) + " but the file has " + fileSize + " bytes");
            }
            metas.put(name, meta);
            offsets.put(name, dataStart + begin);
        }
        requireDisjoint(metas, offsets, file);
        return new SafetensorsHeader(
                Collections.unmodifiableSortedMap(metas),
                Collections.unmodifiableMap(offsets),
                Collections.unmodifiableMap(metadata));
    }

    /** An integral JSON offset, or -1 for anything else (a fraction, a string, a number past 64 bits). */
    private static long offset(JsonNode node) {
        return node.canConvertToExactIntegral() && node.canConvertToLong() ? node.asLong() : -1;
    }

    private static long byteSize(TensorMeta meta, Path file) throws IOException {
        try {
            return meta.byteSize();
        } catch (ArithmeticException e) {
            throw new IOException(
                    "bad safetensors header in " + file + ": tensor " + meta
                            + " has more bytes than a 64-bit count holds",
                    e);
        }
    }

    /** Two tensors sharing bytes would read each other's data: the format lays them out without overlap. */
    private static void requireDisjoint(SortedMap<String, TensorMeta> metas, Map<String, Long> offsets, Path file)
            throws IOException {
        List<String> byStart = new ArrayList<>(offsets.keySet());
        byStart.sort(Comparator.comparingLong(offsets::get));
        for (int i = 1; i < byStart.size(); i++) {
            String previous = byStart.get(i - 1);
            long previousEnd = offsets.get(previous) + metas.get(previous).byteSize();
            if (offsets.get(byStart.get(i)) < previousEnd
                    && metas.get(byStart.get(i)).byteSize() > 0) {
                throw new IOException("bad safetensors header in " + file + ": tensors '" + previous + "' and '"
                        + byStart.get(i) + "' overlap");
            }
        }
    }

    private static TensorMeta parseMeta(String name, JsonNode node, Path file) throws IOException {
        JsonNode dtype = node.get("dtype");
        JsonNode shape = node.get("shape");
        if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray()) {
            throw new IOException(
                    "bad safetensors header in " + file + ": tensor '" + name + "' needs dtype and shape");
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = offset(shape.get(i));
        }
        try {
            return new TensorMeta(name, TensorDType.fromSafetensors(dtype.asText()), dims);
        } catch (IllegalArgumentException e) {
            throw new IOException(
                    "bad safetensors header in " + file + ": tensor '" + name + "': " + e.getMessage(), e);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position, Path file) throws IOException {
        long pos = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, pos);
            if (n < 0) {
                throw new IOException("truncated safetensors file " + file + " at byte " + pos);
            }
            pos += n;
        }
    }
}
