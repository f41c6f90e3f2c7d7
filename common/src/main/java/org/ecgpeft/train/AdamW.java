package org.ecgpeft.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ecgpeft.peft.StateCopy;

/**
 * AdamW (Loshchilov and Hutter) exactly as {@code torch.optim.AdamW}: decoupled decay
 * {@code p *= 1 - lr*wd}, moments {@code m, v}, bias correction, {@code p -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps)},
 * with {@code torch.nn.utils.clip_grad_norm_} before it.
 *
 * <p>Fused: the moments of all parameters of one dtype are one flat buffer each, and a step gathers the
 * gradients into one flat buffer, so clipping and the moment and update arithmetic are a fixed dozen array
 * operations per dtype whatever the number of parameters (a LoRA model has hundreds of small tensors); only
 * adding the update and zeroing the gradient touch each parameter. Scalars stay on the device: a step makes no
 * host round trip.
 *
 * <p>A step whose loss or gradients are not finite is skipped on the device (weights and moments untouched,
 * gradients still zeroed) and counted ({@link #nonFinite}); the step counter, and so the learning-rate schedule
 * and the bias correction, still advance, which keeps the decision on the device.
 */
public final class AdamW implements AutoCloseable {

    private final AdamWOptions options;
    private final Map<String, Parameter> params;
    private final NDManager manager;
    private final List<Group> groups = new ArrayList<>();
    /** Skipped steps, current run of skipped steps, longest run: float32 [3] on the device. */
    private final NDArray nonFinite;

    private long steps;

    /** The parameters of one dtype: their flat moments and where each parameter sits in them. */
    private record Group(DataType dataType, List<String> names, long[] offsets, NDArray expAvg, NDArray expAvgSq) {

        NDIndex slice(int i) {
            return new NDIndex("{}:{}", offsets[i], offsets[i + 1]);
        }
    }

    public AdamW(Map<String, Parameter> trainable, AdamWOptions options) {
        if (trainable.isEmpty()) {
            throw new IllegalArgumentException("AdamW needs at least one trainable parameter");
        }
        this.options = options;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(trainable));
        this.manager = params.values().iterator().next().getArray().getManager().newSubManager();
        Map<DataType, List<String>> byType = new LinkedHashMap<>();
        params.forEach((name, p) -> byType.computeIfAbsent(p.getArray().getDataType(), t -> new ArrayList<>())
                .add(name));
        byType.forEach((type, names) -> {
            long[] offsets = new long[names.size() + 1];
            for (int i = 0; i < names.size(); i++) {
                offsets[i + 1] =
                        offsets[i] + params.get(names.get(i)).getArray().size();
            }
            Shape flat = new Shape(offsets[names.size()]);
            groups.add(
                    new Group(type, List.copyOf(names), offsets, manager.zeros(flat, type), manager.zeros(flat, type)));
        });
        this.nonFinite = manager.zeros(new Shape(3), DataType.FLOAT32);
    }

    /** Optimizer steps taken so far (skipped non-finite steps included). */
    public long steps() {
        return steps;
    }

    /** Whether {@code name} gets weight decay under these options. */
    public boolean decays(String name) {
        if (options.decayBiasesAndNorms()) {
            return true;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return !(lower.endsWith("bias") || lower.contains("norm"));
    }

    /** Applies one update with learning rate {@code lr} from the accumulated gradients (no clipping). */
    public void step(double lr) {
        update(lr, 0, null);
    }

    /**
     * One full update as both trainers do it: clip the global gradient norm to {@code maxGradNorm} (when
     * positive), step at {@code lr} unless {@code loss} (the step's summed loss, or null) or a gradient is not
     * finite, then zero the gradients.
     */
    public void update(double lr, double maxGradNorm, NDArray loss) {
        steps++;
        double bc1 = 1 - Math.pow(options.beta1(), steps);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(options.beta2(), steps));
        try (NDManager scratch = manager.newSubManager()) {
            List<NDArray> flatGrads = new ArrayList<>(groups.size());
            NDArray sumSq = scratch.zeros(new Shape(), DataType.FLOAT32);
            for (Group group : groups) {
                NDArray g = gather(group, scratch);
                flatGrads.add(g);
                NDArray sq = g.square().sum();
                sumSq.addi(sq.getDataType() == DataType.FLOAT32 ? sq : sq.toType(DataType.FLOAT32, false));
            }
            NDArray ok = finite(sumSq);
            if (loss != null) {
                NDArray lossOk = in(scratch, finite(loss));
                ok = ok.logicalAnd(lossOk);
            }
            NDArray okF = ok.toType(DataType.FLOAT32, false);
            countNonFinite(okF, scratch);
            NDArray clip = okF;
            if (maxGradNorm > 0) {
                // min(1, maxNorm / (norm + 1e-6)) as clip_grad_norm_, folded with the skip flag.
                NDArray coef = sumSq.sqrt()
                        .add(1e-6f)
                        .pow(-1f)
                        .mul((float) maxGradNorm)
                        .minimum(1f);
                // A NaN norm would survive a multiplication by 0: select instead.
                clip = NDArrays.where(ok, coef, scratch.zeros(new Shape(), DataType.FLOAT32));
            }
            for (int gi = 0; gi < groups.size(); gi++) {
                stepGroup(groups.get(gi), flatGrads.get(gi), ok, okF, clip, lr, bc1, bc2Sqrt, scratch);
            }
        }
        zeroGradients();
    }

    /** The gradients of {@code group}'s parameters as one flat array in {@code scratch}. */
    private NDArray gather(Group group, NDManager scratch) {
        NDList parts = new NDList(group.names().size());
        for (String name : group.names()) {
            parts.add(in(scratch, params.get(name).getArray().getGradient()).reshape(-1));
        }
        return parts.size() == 1 ? parts.get(0) : in(scratch, NDArrays.concat(parts));
    }

    private static NDArray finite(NDArray x) {
        return x.isNaN().logicalOr(x.isInfinite()).logicalNot();
    }

    /** Updates the skip counters: total, current run, longest run. */
    private void countNonFinite(NDArray okF, NDManager scratch) {
        NDArray bad = okF.neg().add(1f);
        NDArray total = in(scratch, nonFinite.get(0)).add(bad);
        NDArray run = in(scratch, nonFinite.get(1)).add(1f).mul(bad);
        NDArray longest = in(scratch, nonFinite.get(2)).maximum(run);
        NDArray counts = NDArrays.stack(new NDList(total, run, longest));
        nonFinite.set(new NDIndex("..."), in(scratch, counts));
    }

    /** Attaches {@code a} (the result of an op on a long-lived array) to {@code scratch} and returns it. */
    private static NDArray in(NDManager scratch, NDArray a) {
        a.attach(scratch);
        return a;
    }

    /**
     * One dtype's update. With {@code okF} = 1: {@code m += (1-b1)(g - m)} (torch's lerp), {@code v = b2 v +
     * (1-b2) g^2}, decay, then the step; with 0 every factor leaves weights and moments as they were. The
     * gradient is zeroed where the flag is off first, so a NaN never meets a multiplication by 0.
     */
    private void stepGroup(
            Group group,
            NDArray flatGrad,
            NDArray ok,
            NDArray okF,
            NDArray clip,
            double lr,
            double bc1,
            double bc2Sqrt,
            NDManager scratch) {
        DataType type = group.dataType();
        NDArray zero = scratch.zeros(flatGrad.getShape(), type);
        NDArray g = in(scratch, NDArrays.where(ok.broadcast(flatGrad.getShape()), flatGrad, zero));
        g.muli(clip.toType(type, false));
        NDArray m = group.expAvg();
        NDArray v = group.expAvgSq();
        NDArray flag = okF.toType(type, false);
        NDArray diff = g.sub(m);
        diff.muli(flag.mul((float) (1 - options.beta1())));
        m.addi(diff);
        // b2 when stepping, 1 when skipping.
        v.muli(flag.mul((float) (options.beta2() - 1)).add(1f));
        NDArray sq = g.square();
        sq.muli(flag.mul((float) (1 - options.beta2())));
        v.addi(sq);
        NDArray denom = in(scratch, v.sqrt());
        denom.divi(bc2Sqrt).addi(options.eps());
        NDArray update = in(scratch, m.div(denom));
        update.muli(flag.mul((float) (-lr / bc1)));
        NDArray decay = flag.mul((float) (-lr * options.weightDecay())).add(1f);
        for (int i = 0; i < group.names().size(); i++) {
            String name = group.names().get(i);
            NDArray p = params.get(name).getArray();
            if (options.weightDecay() > 0 && decays(name)) {
                p.muli(decay);
            }
            p.addi(update.get(group.slice(i)).reshape(p.getShape()));
        }
    }

    /** Resets every parameter's gradient to zero by fill (multiplying by 0 would keep a NaN). */
    public void zeroGradients() {
        // The fill value is a new array in the gradient handle's manager: a scratch one, closed after.
        try (NDManager scratch = manager.newSubManager()) {
            for (Parameter p : params.values()) {
                in(scratch, p.getArray().getGradient()).set(new NDIndex("..."), 0);
            }
        }
    }

    /**
     * Skip counters as a float32 [3] array on the device: non-finite steps skipped so far, the current run of
     * them, and the longest run. Live: read it when progress is due.
     */
    public NDArray nonFinite() {
        return nonFinite;
    }

    /**
     * Moments by {@code exp_avg.<name>} / {@code exp_avg_sq.<name>}, shaped as their parameters, in
     * {@code target} (for checkpoints).
     */
    public Map<String, NDArray> state(NDManager target) {
        Map<String, NDArray> avg = new LinkedHashMap<>();
        Map<String, NDArray> avgSq = new LinkedHashMap<>();
        for (Group group : groups) {
            for (int i = 0; i < group.names().size(); i++) {
                String name = group.names().get(i);
                Shape shape = params.get(name).getArray().getShape();
                avg.put(name, view(group.expAvg(), group.slice(i), shape, target));
                avgSq.put(name, view(group.expAvgSq(), group.slice(i), shape, target));
            }
        }
        Map<String, NDArray> out = new LinkedHashMap<>();
        params.keySet().forEach(k -> out.put("exp_avg." + k, avg.get(k)));
        params.keySet().forEach(k -> out.put("exp_avg_sq." + k, avgSq.get(k)));
        return out;
    }

    private static NDArray view(NDArray flat, NDIndex slice, Shape shape, NDManager target) {
        NDArray part = flat.get(slice);
        NDArray shaped = part.reshape(shape);
        part.close();
        shaped.attach(target);
        return shaped;
    }

    /**
     * Copies saved moments (as {@link #state} names them) into the optimizer; {@code source} names the file
     * in errors. Every moment must be present with its parameter's shape.
     */
    public void loadState(Map<String, NDArray> saved, String source) {
        try (NDManager scratch = manager.newSubManager()) {
            // Checks names and shapes and converts dtypes into arrays shaped like the moments, then fills the flat
            // buffers.
            Map<String, NDArray> copies = state(scratch);
            StateCopy.copyAll(saved, copies, source);
            for (Group group : groups) {
                for (int i = 0; i < group.names().size(); i++) {
                    String name = group.names().get(i);
                    group.expAvg()
                            .set(group.slice(i), copies.get("exp_avg." + name).reshape(-1));
                    group.expAvgSq()
                            .set(
                                    group.slice(i),
                                    copies.get("exp_avg_sq." + name).reshape(-1));
                }
            }
        }
    }

    /** Restores the step count; moments are restored by {@link #loadState}. */
    public void restoreSteps(long stepCount) {
        if (stepCount < 0) {
            throw new IllegalArgumentException("step count must be >= 0, got " + stepCount);
        }
        this.steps = stepCount;
    }

    @Override
    public void close() {
        manager.close();
    }
}
