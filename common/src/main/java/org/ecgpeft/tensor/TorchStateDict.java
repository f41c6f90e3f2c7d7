package org.ecgpeft.tensor;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The tensors of one dict inside a torch zip checkpoint (a {@code pytorch_model.bin} state dict or
 * the {@code "model"} entry of a fairseq checkpoint). Entries that are not tensors are skipped.
 */
final class TorchStateDict extends AbstractTensorReader {

    private final TorchArchive archive;
    private final boolean ownsArchive;
    private final SortedMap<String, TorchTensorRef> tensors;
    private final SortedMap<String, TensorMeta> metas;

    TorchStateDict(TorchArchive archive, Map<?, ?> dict, boolean ownsArchive) {
        super(new TensorDecoder(TensorDecoder.MAX_BUFFER_BYTES));
        this.archive = archive;
        this.ownsArchive = ownsArchive;
        SortedMap<String, TorchTensorRef> found = new TreeMap<>();
        SortedMap<String, TensorMeta> foundMetas = new TreeMap<>();
        dict.forEach((key, value) -> {
            if (value instanceof TorchTensorRef tensor) {
                found.put(String.valueOf(key), tensor);
                foundMetas.put(String.valueOf(key), tensor.meta(String.valueOf(key)));
            }
        });
        this.tensors = Collections.unmodifiableSortedMap(found);
        this.metas = Collections.unmodifiableSortedMap(foundMetas);
    }

    @Override
    SortedMap<String, TensorMeta> metas() {
        return metas;
    }

    @Override
    TensorBytes bytes(String name) throws IOException {
        return archive.bytes(name, tensors.get(name));
    }

    @Override
    public String source() {
        return archive.file().toString();
    }

    /** Closes the zip file when this reader opened it; a view into a fairseq checkpoint leaves it open. */
    @Override
    public void close() {
        if (ownsArchive) {
            archive.close();
        }
    }
}
