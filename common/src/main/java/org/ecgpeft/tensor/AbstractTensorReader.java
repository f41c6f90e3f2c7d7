package org.ecgpeft.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.util.Collections;
import java.util.Set;
import java.util.SortedMap;

/** Shared reading logic of readers that know each tensor's metadata and bytes. */
abstract class AbstractTensorReader implements TensorReader {

    private final TensorDecoder decoder;

    AbstractTensorReader(TensorDecoder decoder) {
        this.decoder = decoder;
    }

    /** Metadata of every tensor, by name. */
    abstract SortedMap<String, TensorMeta> metas();

    /** The stored bytes of a tensor known to exist. */
    abstract TensorBytes bytes(String name) throws IOException;

    @Override
    public Set<String> names() {
        // The key set of a sorted map iterates in name order.
        return Collections.unmodifiableSet(metas().keySet());
    }

    @Override
    public boolean contains(String name) {
        return metas().containsKey(name);
    }

    @Override
    public TensorMeta meta(String name) {
        TensorMeta meta = metas().get(name);
        if (meta == null) {
            throw new IllegalArgumentException("no tensor '" + name + "' in " + source());
        }
        return meta;
    }

    @Override
    public NDArray read(String name, NDManager manager, DataType target) {
        TensorMeta meta = meta(name);
        try {
            return decoder.decode(meta, bytes(name), manager, target);
        } catch (IOException e) {
            throw TensorReader.readFailure(source(), name, e);
        }
    }

    @Override
    public float[] readFloats(String name) {
        TensorMeta meta = meta(name);
        try {
            return TensorDecoder.readFloats(meta, bytes(name));
        } catch (IOException e) {
            throw TensorReader.readFailure(source(), name, e);
        }
    }
}
