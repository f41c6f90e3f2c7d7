package org.ecgpeft.tensor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes protocol-2 pickle opcodes by hand, to build torch checkpoints without Python. */
final class PickleBuilder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleBuilder() {
        out.write(0x80);
        out.write(2);
    }

    PickleBuilder op(char opcode) {
        out.write(opcode);
        return this;
    }

    PickleBuilder str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write('X');
        for (int i = 0; i < 4; i++) {
            out.write(b.length >>> (8 * i) & 0xff);
        }
        out.writeBytes(b);
        return this;
    }

    PickleBuilder integer(int v) {
        out.write('J');
        for (int i = 0; i < 4; i++) {
            out.write(v >>> (8 * i) & 0xff);
        }
        return this;
    }

    PickleBuilder global(String module, String name) {
        out.write('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    PickleBuilder ints(int... values) {
        op('(');
        for (int v : values) {
            integer(v);
        }
        return op('t');
    }

    /** {@code _rebuild_tensor_v2(('storage', torch.<type>, key, 'cpu', numel), offset, size, stride, False, OrderedDict())}. */
    PickleBuilder tensor(String storageType, String key, int numel, int offset, int[] size, int[] stride) {
        global("torch._utils", "_rebuild_tensor_v2").op('(');
        op('(').str("storage")
                .global("torch", storageType)
                .str(key)
                .str("cpu")
                .integer(numel)
                .op('t')
                .op('Q');
        integer(offset).ints(size).ints(stride).op('\u0089');
        global("collections", "OrderedDict").op(')').op('R');
        return op('t').op('R');
    }

    byte[] stop() {
        out.write('.');
        return out.toByteArray();
    }

    /** Writes a torch-style zip: STORED entries {@code archive/data.pkl}, {@code archive/data/<key>}. */
    static void writeZip(Path file, byte[] pickle, Map<String, byte[]> storages) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            stored(zip, "archive/data.pkl", pickle);
            stored(zip, "archive/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
            for (Map.Entry<String, byte[]> e : storages.entrySet()) {
                stored(zip, "archive/data/" + e.getKey(), e.getValue());
            }
        }
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }
}
