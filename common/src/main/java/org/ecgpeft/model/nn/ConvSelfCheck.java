package org.ecgpeft.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, once per convolution geometry, device and dtype, which {@link ConvPath} gives right numbers on this
 * host: the preferred path is run on a small random problem (batch 2, so libtorch takes its oneDNN kernel) and
 * compared with {@link Float64Conv} on the output and on the input, weight and bias gradients. If it is off, the
 * unfold path is checked and used, with one warning that says why; if that is off too, the layer refuses to run.
 *
 * <p>The verdicts are held process-wide on purpose: they describe the loaded native library and the CPU, which
 * are process-wide too, and a model with 7 identical layers then pays for one check (a few to tens of ms).
 */
public final class ConvSelfCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ConvSelfCheck.class);
    private static final int CHECK_BATCH = 2;
    private static final int CHECK_OUTPUTS = 4;

    private static final ConcurrentMap<Key, ConvPath> VERDICTS = new ConcurrentHashMap<>();

    private record Key(ConvGeometry geometry, String device, DataType dataType, boolean bias) {}

    /** How far a path is from the float64 loops, each as max |a - b| / max(1, max |reference|). */
    public record Deviation(double output, double inputGrad, double weightGrad, double biasGrad) {

        /** The worst of the four; infinite when any value is NaN or infinite. */
        public double worst() {
            double w = Math.max(Math.max(output, inputGrad), Math.max(weightGrad, biasGrad));
            return Double.isNaN(w) ? Double.POSITIVE_INFINITY : w;
        }

        @Override
        public String toString() {
            return String.format(
                    "output %.3g, input grad %.3g, weight grad %.3g, bias grad %.3g",
                    output, inputGrad, weightGrad, biasGrad);
        }
    }

    private ConvSelfCheck() {}

    /** The path to use for {@code geometry} on {@code manager}'s device in {@code dataType}; checked on first use. */
    public static ConvPath pathFor(ConvGeometry geometry, NDManager manager, DataType dataType, boolean bias) {
        Key key = new Key(geometry, manager.getDevice().toString(), dataType, bias);
        ConvPath known = VERDICTS.get(key);
        return known != null ? known : VERDICTS.computeIfAbsent(key, k -> decide(k, manager));
    }

    /** The largest deviation accepted for {@code dataType}: float32 accumulation error with a wide margin. */
    public static double tolerance(DataType dataType) {
        return switch (dataType) {
            case FLOAT64 -> 1e-9;
            case FLOAT16 -> 2e-2;
            default -> 1e-4;
        };
    }

    private static ConvPath decide(Key key, NDManager manager) {
        ConvGeometry g = key.geometry();
        int length = g.inputLengthFor(CHECK_OUTPUTS);
        return choose(
                ConvPath.preferred(g),
                path -> measure(path, g, manager, key.dataType(), key.bias(), CHECK_BATCH, length, g.hashCode()),
                tolerance(key.dataType()),
                g + " on " + key.device());
    }

    /**
     * The preferred path when its deviation is within {@code tolerance}, else the unfold path (logged once), else
     * an error naming {@code where}: a wrong convolution never runs silently.
     */
    static ConvPath choose(ConvPath preferred, Function<ConvPath, Deviation> measure, double tolerance, String where) {
        Deviation first = measure.apply(preferred);
        if (first.worst() <= tolerance) {
            return preferred;
        }
        Deviation unfold = measure.apply(ConvPath.UNFOLD);
        if (unfold.worst() <= tolerance) {
            LOG.warn(
                    "{}: libtorch's {} convolution is off from float64 loops ({}); this layer uses the unfold path"
                            + " instead (see README, Known issues)",
                    where,
                    preferred,
                    first);
            return ConvPath.UNFOLD;
        }
        throw new IllegalStateException(where + ": no convolution path matches float64 loops (" + preferred + ": "
                + first + "; UNFOLD: " + unfold + ")");
    }

    /**
     * Runs {@code path} forward and backward (upstream gradient random) on a seeded random problem and compares
     * output and gradients with {@link Float64Conv}.
     */
    public static Deviation measure(
            ConvPath path,
            ConvGeometry g,
            NDManager parent,
            DataType dataType,
            boolean bias,
            int batch,
            int length,
            long seed) {
        Random random = new Random(seed);
        double[] x = uniform(random, batch * g.inChannels() * length);
        double[] w = uniform(random, g.outChannels() * g.inPerGroup() * g.kernel());
        double[] b = bias ? uniform(random, g.outChannels()) : null;
        int outLen = g.outputLength(length);
        double[] dy = uniform(random, batch * g.outChannels() * outLen);
        return GradMode.on(() -> {
            try (NDManager m = parent.newSubManager()) {
                NDArray xs = leaf(m, x, new Shape(batch, g.inChannels(), length), dataType);
                NDArray ws = leaf(m, w, new Shape(g.outChannels(), g.inPerGroup(), g.kernel()), dataType);
                NDArray bs = bias ? leaf(m, b, new Shape(g.outChannels()), dataType) : null;
                NDArray y = path.apply(g, xs, ws, bs);
                JniUtils.backward(
                        (PtNDArray) y, (PtNDArray) m.create(dy, y.getShape()).toType(dataType, false), false, false);
                // Reference inputs are the values the native side actually saw (rounded to dataType).
                double[] xr = toDoubles(xs);
                double[] wr = toDoubles(ws);
                double[] br = bias ? toDoubles(bs) : null;
                return new Deviation(
                        deviation(toDoubles(y), Float64Conv.forward(g, batch, length, xr, wr, br)),
                        deviation(toDoubles(xs.getGradient()), Float64Conv.inputGradient(g, batch, length, wr, dy)),
                        deviation(toDoubles(ws.getGradient()), Float64Conv.weightGradient(g, batch, length, xr, dy)),
                        bias
                                ? deviation(toDoubles(bs.getGradient()), Float64Conv.biasGradient(g, batch, length, dy))
                                : 0);
            }
        });
    }

    private static NDArray leaf(NDManager m, double[] values, Shape shape, DataType dataType) {
        NDArray a = m.create(values, shape).toType(dataType, false);
        a.setRequiresGradient(true);
        return a;
    }

    private static double[] uniform(Random random, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextDouble() * 2 - 1;
        }
        return out;
    }

    private static double[] toDoubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** max |a - b| / max(1, max |b|); infinite for a NaN, an infinity or a length mismatch. */
    static double deviation(double[] actual, double[] expected) {
        if (actual.length != expected.length) {
            return Double.POSITIVE_INFINITY;
        }
        double worst = 0;
        double scale = 1;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs(actual[i] - expected[i]);
            if (!(d <= Double.MAX_VALUE)) {
                return Double.POSITIVE_INFINITY;
            }
            worst = Math.max(worst, d);
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        return worst / scale;
    }
}
