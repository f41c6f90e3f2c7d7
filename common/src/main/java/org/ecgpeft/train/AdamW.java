package org.ecgpeft.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter) exactly as {@code torch.optim.AdamW}: decoupled decay
 * {@code p *= 1 - lr*wd}, moments {@code m, v}, bias correction, {@code p -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps)}.
 * State exists only for the parameters given (the trainable ones), lives on their device, and is updated in
 * place with scalar hyper-parameters, so a step makes no host round trip.
 */
public final class AdamW implements AutoCloseable {

    private final AdamWOptions options;
    private final Map<String, Parameter> params;
    private final Map<String, NDArray> expAvg = new LinkedHashMap<>();
    private final Map<String, NDArray> expAvgSq = new LinkedHashMap<>();
    private long steps;

    public AdamW(Map<String, Parameter> trainable, AdamWOptions options) {
        if (trainable.isEmpty()) {
            throw new IllegalArgumentException("AdamW needs at least one trainable parameter");
        }
        this.options = options;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(trainable));
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray p = e.getValue().getArray();
            NDManager m = p.getManager();
            expAvg.put(e.getKey(), m.zeros(p.getShape(), p.getDataType()));
            expAvgSq.put(e.getKey(), m.zeros(p.getShape(), p.getDataType()));
        }
    }

    /** Optimizer steps taken so far. */
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

    /** The current gradients, one per parameter in order; the caller closes them. */
    public List<NDArray> gradients() {
        List<NDArray> out = new ArrayList<>(params.size());
        for (Parameter p : params.values()) {
            out.add(p.getArray().getGradient());
        }
        return out;
    }

    /** Applies one update with learning rate {@code lr} from the accumulated gradients. */
    public void step(double lr) {
        steps++;
        double bc1 = 1 - Math.pow(options.beta1(), steps);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(options.beta2(), steps));
        double stepSize = lr / bc1;
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray p = e.getValue().getArray();
            NDArray m = expAvg.get(e.getKey());
            NDArray v = expAvgSq.get(e.getKey());
            try (NDArray g = p.getGradient()) {
                if (options.weightDecay() > 0 && decays(e.getKey())) {
                    p.muli(1 - lr * options.weightDecay());
                }
                m.muli(options.beta1());
                try (NDArray t = g.mul(1 - options.beta1())) {
                    m.addi(t);
                }
                v.muli(options.beta2());
                try (NDArray t = g.square()) {
                    t.muli(1 - options.beta2());
                    v.addi(t);
                }
                try (NDArray denom = v.sqrt()) {
                    denom.divi(bc2Sqrt).addi(options.eps());
                    try (NDArray update = m.div(denom)) {
                        update.muli(-stepSize);
                        p.addi(update);
                    }
                }
            }
        }
    }

    /**
     * One full update as both trainers do it: clip the global gradient norm to {@code maxGradNorm} (when
     * positive), {@link #step} at {@code lr}, then zero the gradients.
     */
    public void update(double lr, double maxGradNorm) {
        if (maxGradNorm > 0) {
            List<NDArray> grads = gradients();
            try (NDArray norm = GradientClipping.clipGlobalNorm(grads, maxGradNorm)) {
                grads.forEach(NDArray::close);
            }
        }
        step(lr);
        zeroGradients();
    }

    /** Resets every parameter's gradient to zero (gradients accumulate across backward passes). */
    public void zeroGradients() {
        for (Parameter p : params.values()) {
            try (NDArray g = p.getArray().getGradient()) {
                g.muli(0);
            }
        }
    }

    /** Moments by {@code exp_avg.<name>} / {@code exp_avg_sq.<name>} (live arrays, for checkpoints). */
    public Map<String, NDArray> state() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        expAvg.forEach((k, a) -> out.put("exp_avg." + k, a));
        expAvgSq.forEach((k, a) -> out.put("exp_avg_sq." + k, a));
        return out;
    }

    /** Restores the step count; moments are restored by copying into {@link #state()}'s arrays. */
    public void restoreSteps(long stepCount) {
        if (stepCount < 0) {
            throw new IllegalArgumentException("step count must be >= 0, got " + stepCount);
        }
        this.steps = stepCount;
    }

    @Override
    public void close() {
        expAvg.values().forEach(NDArray::close);
        expAvgSq.values().forEach(NDArray::close);
    }
}
