package org.ecgpeft.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads checkpoint tensors into named DJL parameters, one tensor at a time. Keys are renamed by a
 * {@link KeyMapping}; every shape is checked before any data is read, and a shape mismatch always
 * fails. In strict mode missing targets or unexpected keys fail too, also before anything is loaded.
 *
 * <p>A parameter that already holds an array (an initialized block) is overwritten in place, keeping
 * its dtype, device and gradient flag. A parameter without array or shape gets a new array of the
 * load's dtype, created in the given manager, with the parameter's gradient flag.
 */
public final class StateDictLoader {

    private static final Logger LOG = LoggerFactory.getLogger(StateDictLoader.class);

    private final KeyMapping mapping;
    private final boolean strict;

    private StateDictLoader(KeyMapping mapping, boolean strict) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.strict = strict;
    }

    /** A loader that fails unless every target is loaded and every non-ignored key is used. */
    public static StateDictLoader strict(KeyMapping mapping) {
        return new StateDictLoader(mapping, true);
    }

    /** A loader that reports missing and unexpected keys instead of failing on them. */
    public static StateDictLoader lenient(KeyMapping mapping) {
        return new StateDictLoader(mapping, false);
    }

    /**
     * Loads {@code reader}'s tensors into {@code targets}.
     *
     * @param manager where new arrays of uninitialized parameters live (the model's manager)
     * @param dtype the dtype new arrays get, or {@code null} for the stored dtype (BF16 as FP32);
     *     initialized parameters keep theirs, and a different explicit dtype is refused
     * @throws CheckpointMismatchException on shape mismatches, or on missing/unexpected keys when strict
     */
    public LoadReport load(TensorReader reader, Map<String, Parameter> targets, NDManager manager, DataType dtype) {
        Map<String, String> plan = new LinkedHashMap<>();
        List<String> unexpected = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<String> shapeMismatches = new ArrayList<>();
        Map<String, String> sourceOf = new HashMap<>();
        for (String key : reader.names()) {
            Optional<String> mapped = mapping.map(key);
            if (mapped.isEmpty()) {
                ignored.add(key);
                continue;
            }
            String target = mapped.get();
            Parameter parameter = targets.get(target);
            if (parameter == null) {
                unexpected.add(key.equals(target) ? key : key + " (as " + target + ")");
                continue;
            }
            String previous = sourceOf.put(target, key);
            if (previous != null) {
                throw new IllegalArgumentException("checkpoint keys '" + previous + "' and '" + key + "' in "
                        + reader.source() + " both map to parameter '" + target + "'");
            }
            checkShape(target, parameter, reader.meta(key), shapeMismatches);
            plan.put(target, key);
        }
        List<String> missing =
                targets.keySet().stream().filter(t -> !plan.containsKey(t)).toList();
        if (!shapeMismatches.isEmpty() || strict && (!missing.isEmpty() || !unexpected.isEmpty())) {
            throw new CheckpointMismatchException(reader.source(), missing, unexpected, shapeMismatches);
        }
        plan.forEach((target, key) -> assign(target, targets.get(target), reader, key, manager, dtype));
        LOG.info(
                "loaded {} tensors from {} ({} missing, {} unexpected, {} ignored)",
                plan.size(),
                reader.source(),
                missing.size(),
                unexpected.size(),
                ignored.size());
        return new LoadReport(new ArrayList<>(plan.keySet()), missing, unexpected, ignored);
    }

    private static void checkShape(String target, Parameter parameter, TensorMeta meta, List<String> mismatches) {
        Shape expected = parameter.isInitialized() ? parameter.getArray().getShape() : parameter.getShape();
        if (expected != null && !Arrays.equals(expected.getShape(), meta.shape())) {
            mismatches.add(target + ": expected " + expected + " found " + new Shape(meta.shape()) + " ('" + meta.name()
                    + "')");
        }
    }

    private static void assign(
            String target, Parameter parameter, TensorReader reader, String key, NDManager manager, DataType dtype) {
        boolean requiresGradient = parameter.requiresGradient();
        if (parameter.isInitialized()) {
            overwrite(target, parameter.getArray(), reader, key, dtype);
            parameter.getArray().setRequiresGradient(requiresGradient);
            return;
        }
        if (parameter.getShape() != null) {
            // DJL refuses setArray once a shape is set, and an initializer may not exist.
            throw new IllegalStateException("parameter '" + target + "' has a shape but no array: initialize the "
                    + "block before loading, or load before its shapes are prepared");
        }
        NDArray array = reader.read(key, manager, dtype);
        parameter.setArray(array);
        array.setRequiresGradient(requiresGradient);
    }

    private static void overwrite(String target, NDArray existing, TensorReader reader, String key, DataType dtype) {
        DataType type = existing.getDataType();
        if (dtype != null && dtype != type) {
            throw new IllegalArgumentException("parameter '" + target + "' holds " + type + " but the load asks for "
                    + dtype + ": cast the block first or load with the parameter's dtype");
        }
        // The copy is made on the existing array's device; gradient tracking must be off for an
        // in-place write into a leaf tensor.
        try (NDManager scratch = existing.getManager().newSubManager()) {
            NDArray loaded = reader.read(key, scratch, type);
            existing.setRequiresGradient(false);
            existing.set(new NDIndex("..."), loaded);
        }
    }
}
