package org.ecgpeft.peft;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Copies loaded tensors into already-allocated arrays in place, with shape checks naming the tensor. */
public final class StateCopy {

    private StateCopy() {}

    /** Copies {@code source} into {@code target} (converting the dtype); the shapes must be equal. */
    public static void copy(String name, NDArray source, NDArray target) {
        if (!source.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("tensor '" + name + "' has shape " + source.getShape()
                    + " but the model expects " + target.getShape());
        }
        if (source.getDataType() == target.getDataType()) {
            target.set(source.toByteBuffer());
        } else {
            try (NDArray converted = source.toType(target.getDataType(), false)) {
                target.set(converted.toByteBuffer());
            }
        }
    }

    /**
     * Copies every expected tensor from {@code loaded} into {@code targets} (same keys); any missing or
     * unexpected key is an error listing them all, naming {@code source}.
     */
    public static void copyAll(Map<String, NDArray> loaded, Map<String, NDArray> targets, String source) {
        Set<String> missing = new TreeSet<>(targets.keySet());
        missing.removeAll(loaded.keySet());
        Set<String> unexpected = new TreeSet<>(loaded.keySet());
        unexpected.removeAll(targets.keySet());
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!missing.isEmpty()) {
                parts.add("missing " + missing);
            }
            if (!unexpected.isEmpty()) {
                parts.add("unexpected " + unexpected);
            }
            throw new IllegalArgumentException(source + " does not fit the model: " + String.join("; ", parts));
        }
        targets.forEach((name, target) -> copy(name, loaded.get(name), target));
    }
}
