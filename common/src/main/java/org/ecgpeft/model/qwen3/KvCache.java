package org.ecgpeft.model.qwen3;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values of every decoder layer seen so far ({@code [B, kvHeads, T, headDim]} each, after k_norm
 * and RoPE), so a generation step only computes the new token. The arrays live in the cache's own
 * manager, so per-step temporaries can be freed while the cache survives; close it when generation ends.
 */
public final class KvCache implements AutoCloseable {

    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;

    public KvCache(NDManager parent, int numLayers) {
        this.manager = parent.newSubManager();
        this.keys = new NDArray[numLayers];
        this.values = new NDArray[numLayers];
    }

    /** Number of cached positions (0 before the first forward pass). */
    public long length() {
        return keys[0] == null ? 0 : keys[0].getShape().get(2);
    }

    /** Appends a step's keys and values for {@code layer} and returns all cached keys and values. */
    NDList append(int layer, NDArray k, NDArray v) {
        NDArray allK = keys[layer] == null ? k.duplicate() : keys[layer].concat(k, 2);
        NDArray allV = values[layer] == null ? v.duplicate() : values[layer].concat(v, 2);
        allK.attach(manager);
        allV.attach(manager);
        if (keys[layer] != null) {
            keys[layer].close();
            values[layer].close();
        }
        keys[layer] = allK;
        values[layer] = allV;
        return new NDList(allK, allV);
    }

    @Override
    public void close() {
        manager.close();
    }
}
