package org.ecgpeft.tensor;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A {@code torch.save} zip file ({@code <archive>/data.pkl} plus one {@code <archive>/data/<key>}
 * entry per storage). Holds the unpickled object tree and streams storage bytes on demand; torch
 * writes the entries STORED, so {@link ZipFile} reads (and skips) them without inflating.
 */
final class TorchArchive implements AutoCloseable {

    private static final int CHUNK_BYTES = 1 << 20;
    /** The pickle holds only structure (names, shapes, config); tensor data lives in other entries. */
    private static final long MAX_PICKLE_BYTES = 256L << 20;

    private final Path file;
    private final ZipFile zip;
    private final String prefix;
    private final Object root;

    private TorchArchive(Path file, ZipFile zip, String prefix, Object root) {
        this.file = file;
        this.zip = zip;
        this.prefix = prefix;
        this.root = root;
    }

    static TorchArchive open(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException | RuntimeException e) {
            throw new IOException(
                    file + " is not a torch zip checkpoint (" + e.getMessage()
                            + "); the legacy pre-1.6 torch.save format is not supported",
                    e);
        }
        try {
            String prefix = findPrefix(zip, file);
            checkByteOrder(zip, prefix, file);
            return new TorchArchive(file, zip, prefix, unpickle(zip, zip.getEntry(prefix + "data.pkl"), file));
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /**
     * Reads the whole pickle (its size is known from the zip directory and capped) and unpickles it. Any failure
     * of a damaged pickle, whatever Pyrolite throws, becomes an IOException naming the file.
     */
    private static Object unpickle(ZipFile zip, ZipEntry entry, Path file) throws IOException {
        if (entry.getSize() < 0 || entry.getSize() > MAX_PICKLE_BYTES) {
            throw new IOException(entry.getName() + " in " + file + " declares " + entry.getSize()
                    + " bytes; a torch checkpoint's pickle holds at most " + MAX_PICKLE_BYTES);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] pickle = in.readNBytes((int) entry.getSize());
            if (pickle.length != entry.getSize()) {
                throw new EOFException(
                        entry.getName() + " ended after " + pickle.length + " of " + entry.getSize() + " bytes");
            }
            return new TorchUnpickler().load(pickle);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot unpickle " + entry.getName() + " in " + file + ": " + e, e);
        }
    }

    private static String findPrefix(ZipFile zip, Path file) throws IOException {
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
            String name = entries.nextElement().getName();
            if (name.equals("data.pkl") || name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - 9) {
                return name.substring(0, name.length() - "data.pkl".length());
            }
        }
        throw new IOException(file + " is a zip file without <archive>/data.pkl, so not a torch checkpoint");
    }

    private static void checkByteOrder(ZipFile zip, String prefix, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(prefix + "byteorder");
        if (entry == null) {
            return; // older torch versions wrote no marker and were little-endian only
        }
        try (InputStream in = zip.getInputStream(entry)) {
            String order = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!order.equals("little")) {
                throw new IOException(file + " stores tensors in '" + order + "' byte order; only little is supported");
            }
        }
    }

    /** The unpickled top-level object (maps, lists, {@link TorchTensorRef}s, ...). */
    Object root() {
        return root;
    }

    Path file() {
        return file;
    }

    /** The stored bytes of a tensor, gathered into row-major order when its strides have gaps. */
    TensorBytes bytes(String name, TorchTensorRef tensor) throws IOException {
        ZipEntry entry = zip.getEntry(prefix + "data/" + tensor.storage().key());
        if (entry == null) {
            throw new IOException(file + " has no storage entry " + prefix + "data/"
                    + tensor.storage().key() + " for tensor '" + name + "'");
        }
        int elementSize = tensor.storage().dtype().byteSize();
        // The view lies inside the storage's declared elements (TorchTensorRef); the entry must hold them.
        long needed = Math.multiplyExact(tensor.storageEnd(), elementSize);
        if (entry.getSize() < needed) {
            throw new IOException("storage " + entry.getName() + " in " + file + " holds " + entry.getSize()
                    + " bytes but tensor '" + name + "' needs " + needed + " (truncated checkpoint)");
        }
        if (tensor.isContiguous()) {
            long base = tensor.offset() * elementSize;
            return (offset, length, size, sink) -> stream(entry, base + offset, length, sink);
        }
        ByteBuffer gathered = gather(entry, tensor);
        return (offset, length, size, sink) -> sink.accept(
                gathered.slice(Math.toIntExact(offset), Math.toIntExact(length)).order(ByteOrder.LITTLE_ENDIAN));
    }

    private void stream(ZipEntry entry, long skip, long length, TensorBytes.ChunkSink sink) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            in.skipNBytes(skip);
            byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, Math.max(length, 1))];
            long left = length;
            while (left > 0) {
                int n = (int) Math.min(chunk.length, left);
                readFully(in, chunk, n, entry);
                sink.accept(ByteBuffer.wrap(chunk, 0, n).order(ByteOrder.LITTLE_ENDIAN));
                left -= n;
            }
        }
    }

    /** Copies a strided view into a contiguous buffer (non-contiguous tensors are rare in state dicts). */
    private ByteBuffer gather(ZipEntry entry, TorchTensorRef tensor) throws IOException {
        int elementSize = tensor.storage().dtype().byteSize();
        long spanElements = tensor.storageEnd() - tensor.offset();
        byte[] span = new byte[Math.toIntExact(spanElements * elementSize)];
        try (InputStream in = zip.getInputStream(entry)) {
            in.skipNBytes(tensor.offset() * elementSize);
            readFully(in, span, span.length, entry);
        }
        long[] size = tensor.size();
        long[] stride = tensor.stride();
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(tensor.numel() * elementSize));
        long[] index = new long[size.length];
        for (long i = 0; i < tensor.numel(); i++) {
            long source = 0;
            for (int d = 0; d < size.length; d++) {
                source += index[d] * stride[d];
            }
            out.put(span, (int) (source * elementSize), elementSize);
            for (int d = size.length - 1; d >= 0 && ++index[d] == size[d]; d--) {
                index[d] = 0;
            }
        }
        return out.flip();
    }

    private void readFully(InputStream in, byte[] buffer, int length, ZipEntry entry) throws IOException {
        int read = in.readNBytes(buffer, 0, length);
        if (read < length) {
            throw new EOFException(
                    "storage " + entry.getName() + " in " + file + " ended early (truncated checkpoint)");
        }
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
