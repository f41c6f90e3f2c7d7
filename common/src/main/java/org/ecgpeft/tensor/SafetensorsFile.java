package org.ecgpeft.tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.SortedMap;

/**
 * One safetensors file, read through memory maps of each tensor's byte range. A range is mapped in
 * regions of at most {@code maxRegionBytes} (a mapping is limited to 2 GiB), so shards and tensors
 * over 2 GiB work and the file is never loaded whole.
 */
public final class SafetensorsFile extends AbstractTensorReader {

    /** Default mapping size: well under the 2 GiB limit of one MappedByteBuffer. */
    static final long DEFAULT_MAX_REGION_BYTES = 1L << 30;

    private final Path file;
    private final FileChannel channel;
    private final SafetensorsHeader header;
    private final long maxRegionBytes;

    private SafetensorsFile(
            Path file, FileChannel channel, SafetensorsHeader header, long maxRegionBytes, TensorDecoder decoder) {
        super(decoder);
        this.file = file;
        this.channel = channel;
        this.header = header;
        this.maxRegionBytes = maxRegionBytes;
    }

    /** Opens and validates a safetensors file (header, offsets, file length). */
    public static SafetensorsFile open(Path file) throws IOException {
        return open(file, DEFAULT_MAX_REGION_BYTES, TensorDecoder.MAX_BUFFER_BYTES);
    }

    /** Opens with injected region and array limits, so tests can exercise chunking on tiny files. */
    static SafetensorsFile open(Path file, long maxRegionBytes, long maxArrayBytes) throws IOException {
        if (maxRegionBytes < 8 || maxRegionBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxRegionBytes must be in [8, 2^31-1]: " + maxRegionBytes);
        }
        TensorDecoder decoder = new TensorDecoder(maxArrayBytes);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new SafetensorsFile(file, channel, SafetensorsHeader.read(channel, file), maxRegionBytes, decoder);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The {@code __metadata__} string map of the header (empty when absent). */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    @Override
    SortedMap<String, TensorMeta> metas() {
        return header.metas();
    }

    @Override
    TensorBytes bytes(String name) {
        long start = header.absoluteOffsets().get(name);
        return (offset, length, elementSize, sink) -> {
            // Regions end on element boundaries so a converter never sees half an element.
            long region = maxRegionBytes - maxRegionBytes % elementSize;
            for (long done = 0; done < length; done += region) {
                long size = Math.min(region, length - done);
                MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, start + offset + done, size);
                sink.accept(mapped.order(ByteOrder.LITTLE_ENDIAN));
            }
        };
    }

    @Override
    public String source() {
        return file.toString();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
