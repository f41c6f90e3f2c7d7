package org.ecgpeft.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Base of every network module: a DJL block whose parameters and sub-modules carry the checkpoint's own
 * names, so {@link #namedParameters()} yields {@code encoder.layers.0.attention.q_proj.weight} exactly as
 * PyTorch's {@code state_dict()} does.
 *
 * <p>Modules are built in two phases: the constructor declares sub-modules and parameter shapes, then
 * {@link #materialize} allocates every array once on a chosen manager/device. Loaders then copy checkpoint
 * data into those arrays in place, so a large model is never held twice. DJL's own shape-inference
 * initialisation is not used: our shapes always come from the model config.
 */
public abstract class Module extends AbstractBlock {

    private final Map<String, Module> modules = new LinkedHashMap<>();
    private final Map<String, Parameter> params = new LinkedHashMap<>();
    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final Map<String, Initializer> initializers = new LinkedHashMap<>();
    private final Map<String, SublayerAdapter> adapters = new LinkedHashMap<>();
    private final Set<Parameter> buffers = new HashSet<>();

    /** Registers a sub-module under its checkpoint name; an empty name inlines its parameters. */
    protected final <M extends Module> M register(String name, M module) {
        Objects.requireNonNull(module, name);
        if (modules.containsKey(name) || params.containsKey(name)) {
            throw new IllegalArgumentException(
                    "duplicate module name '" + name + "' in " + getClass().getSimpleName());
        }
        modules.put(name, module);
        addChildBlock(name.isEmpty() ? "inline" : name, module);
        return module;
    }

    /** Declares a trainable parameter with its shape and the initialiser used when training from scratch. */
    protected final Parameter parameter(String name, Shape shape, Initializer initializer) {
        if (modules.containsKey(name) || params.containsKey(name)) {
            throw new IllegalArgumentException(
                    "duplicate parameter name '" + name + "' in " + getClass().getSimpleName());
        }
        Parameter p =
                Parameter.builder().setName(name).setType(Parameter.Type.OTHER).build();
        addParameter(p);
        params.put(name, p);
        shapes.put(name, shape);
        initializers.put(name, initializer);
        return p;
    }

    /**
     * Declares a buffer: state saved with the weights but never trained (BatchNorm running statistics).
     * It stays frozen whatever {@link #setTrainable} is asked.
     */
    protected final Parameter buffer(String name, Shape shape, Initializer initializer) {
        Parameter p = parameter(name, shape, initializer);
        p.freeze(true);
        buffers.add(p);
        return p;
    }

    /** Direct sub-modules by name, in registration order. */
    public final Map<String, Module> modules() {
        return Collections.unmodifiableMap(modules);
    }

    /** Every descendant module under its dotted name (an inline module's children appear under its host), depth first. */
    public final Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules("", out);
        return out;
    }

    private void collectModules(String prefix, Map<String, Module> out) {
        for (Map.Entry<String, Module> e : modules.entrySet()) {
            if (e.getKey().isEmpty()) {
                e.getValue().collectModules(prefix, out);
                continue;
            }
            String name = prefix + e.getKey();
            out.put(name, e.getValue());
            e.getValue().collectModules(name + ".", out);
        }
    }

    /** Sites after which a {@link SublayerAdapter} may be inserted (e.g. attention, feed_forward); none by default. */
    public Set<String> adapterSites() {
        return Set.of();
    }

    /** Inserts an adapter at a site; its parameters appear under {@code adapter_<site>}. */
    public final void attachAdapter(String site, SublayerAdapter adapter) {
        if (!adapterSites().contains(site)) {
            throw new IllegalArgumentException(
                    getClass().getSimpleName() + " has no adapter site '" + site + "' (sites: " + adapterSites() + ")");
        }
        if (adapters.containsKey(site)) {
            throw new IllegalStateException("an adapter is already attached at site '" + site + "'");
        }
        adapters.put(site, register("adapter_" + site, adapter));
    }

    /** Passes a sub-layer's output through the adapter at {@code site}, or returns it unchanged. */
    protected final NDArray adapt(String site, NDArray h, boolean training) {
        SublayerAdapter adapter = adapters.get(site);
        return adapter == null ? h : adapter.forward(h, training);
    }

    /** Every parameter of this module and its descendants under its dotted PyTorch-style name. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out, false);
        return out;
    }

    /** Only the parameters that receive gradients (PEFT weights and heads once the base is frozen). */
    public final Map<String, Parameter> trainableParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out, true);
        return out;
    }

    /** The buffers (BatchNorm running statistics) of this module and its descendants, by dotted name. */
    public final Map<String, Parameter> namedBuffers() {
        Set<Parameter> all = new HashSet<>();
        collectBuffers(all);
        Map<String, Parameter> out = new LinkedHashMap<>();
        namedParameters().forEach((name, p) -> {
            if (all.contains(p)) {
                out.put(name, p);
            }
        });
        return out;
    }

    private void collectBuffers(Set<Parameter> out) {
        out.addAll(buffers);
        modules.values().forEach(m -> m.collectBuffers(out));
    }

    /** The declared shape of a parameter given by its dotted name. */
    public final Shape declaredShape(String dottedName) {
        Shape s = declaredShapes().get(dottedName);
        if (s == null) {
            throw new IllegalArgumentException(
                    "no parameter '" + dottedName + "' in " + getClass().getSimpleName());
        }
        return s;
    }

    /** Declared shapes of every parameter under its dotted name (known before any array is allocated). */
    public final Map<String, Shape> declaredShapes() {
        Map<String, Shape> out = new LinkedHashMap<>();
        collectShapes("", out);
        return out;
    }

    private void collectShapes(String prefix, Map<String, Shape> out) {
        for (Map.Entry<String, Shape> e : shapes.entrySet()) {
            out.put(prefix + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Module> e : modules.entrySet()) {
            e.getValue().collectShapes(e.getKey().isEmpty() ? prefix : prefix + e.getKey() + ".", out);
        }
    }

    private void collect(String prefix, Map<String, Parameter> out, boolean trainableOnly) {
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            if (!trainableOnly || e.getValue().requiresGradient()) {
                out.put(prefix + e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Module> e : modules.entrySet()) {
            String childPrefix = e.getKey().isEmpty() ? prefix : prefix + e.getKey() + ".";
            e.getValue().collect(childPrefix, out, trainableOnly);
        }
    }

    /**
     * Allocates every parameter that has no array yet: with its initialiser when {@code randomInit}, else
     * zeros (to be filled by a checkpoint loader). Arrays that need gradients get them attached.
     */
    public final void materialize(NDManager manager, DataType dataType, boolean randomInit) {
        materialize(manager, dataType, dataType, randomInit);
    }

    /**
     * As {@link #materialize(NDManager, DataType, boolean)}, but frozen parameters (buffers excepted) are stored as
     * {@code frozenType}: an FP16 frozen base under FP32 PEFT weights and head. Random values are drawn in
     * {@code dataType} and then rounded, so a seeded FP16 base holds the FP32 base's values to FP16 precision.
     */
    public final void materialize(NDManager manager, DataType dataType, DataType frozenType, boolean randomInit) {
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Parameter p = e.getValue();
            if (p.isInitialized()) {
                continue;
            }
            Shape shape = shapes.get(e.getKey());
            DataType stored = p.requiresGradient() || buffers.contains(p) ? dataType : frozenType;
            NDArray array = randomInit
                    ? initializers.get(e.getKey()).initialize(manager, shape, dataType)
                    : manager.zeros(shape, stored);
            if (array.getDataType() != stored) {
                NDArray drawn = array;
                array = drawn.toType(stored, false);
                drawn.close();
            }
            p.setArray(array);
            array.setRequiresGradient(p.requiresGradient());
        }
        for (Module m : modules.values()) {
            m.materialize(manager, dataType, frozenType, randomInit);
        }
    }

    /** Freezes (or unfreezes) every parameter of this subtree. */
    public final void setTrainable(boolean trainable) {
        for (Parameter p : params.values()) {
            if (!buffers.contains(p)) {
                p.freeze(!trainable);
            }
        }
        for (Module m : modules.values()) {
            m.setTrainable(trainable);
        }
    }

    /** Number of scalar parameters, all or only the trainable ones. */
    public final long countParameters(boolean trainableOnly) {
        Map<String, Parameter> selected = trainableOnly ? trainableParameters() : namedParameters();
        Map<String, Shape> all = declaredShapes();
        long n = 0;
        for (String name : selected.keySet()) {
            n += all.get(name).size();
        }
        return n;
    }

    /** Output shapes by a trial forward pass on zeros, since shapes depend on the input length. */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Parameter any = namedParameters().values().stream()
                .filter(Parameter::isInitialized)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(getClass().getSimpleName() + " is not materialized"));
        try (NDManager scratch = any.getArray().getManager().newSubManager()) {
            NDList in = new NDList();
            for (Shape s : inputShapes) {
                in.add(scratch.zeros(s));
            }
            NDList out = forward(null, in, false, null);
            Shape[] result = new Shape[out.size()];
            for (int i = 0; i < out.size(); i++) {
                result[i] = out.get(i).getShape();
            }
            return result;
        }
    }

    /** The array of a direct parameter. */
    protected static NDArray value(Parameter p) {
        return p.getArray();
    }

    /**
     * A direct parameter's array in {@code x}'s dtype (FP16-stored frozen weights used by an FP32 activation).
     * A cast copy belongs to {@code x}'s manager: on the weights' manager it would live (leak) as long as they do.
     */
    protected static NDArray valueLike(Parameter p, NDArray x) {
        NDArray v = p.getArray();
        if (v.getDataType() == x.getDataType()) {
            return v;
        }
        NDArray cast = v.toType(x.getDataType(), false);
        cast.attach(x.getManager());
        return cast;
    }
}
