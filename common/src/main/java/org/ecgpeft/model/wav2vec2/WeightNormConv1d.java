package org.ecgpeft.model.wav2vec2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import org.ecgpeft.model.nn.ConvGeometry;
import org.ecgpeft.model.nn.ConvLayer;
import org.ecgpeft.model.nn.ConvOp;
import org.ecgpeft.model.nn.Module;

/**
 * A grouped {@code Conv1d} under {@code torch.nn.utils.parametrizations.weight_norm(conv, dim=2)}: the kernel is
 * {@code g * v / ||v||} with the norm taken over output and input channels separately for every kernel position.
 * Parameters carry PyTorch's names: {@code parametrizations.weight.original0} (g, {@code [1, 1, K]}),
 * {@code parametrizations.weight.original1} (v, {@code [C_out, C_in/groups, K]}) and {@code bias}.
 */
final class WeightNormConv1d extends Module implements ConvLayer {

    private final ConvOp op;
    private final Parameter bias;
    private final Parameter g;
    private final Parameter v;

    WeightNormConv1d(int channels, int kernel, int padding, int groups) {
        this.op = new ConvOp(new ConvGeometry(channels, channels, kernel, 1, padding, 1, groups));
        this.bias = parameter("bias", new Shape(channels), new ConstantInitializer(0f));
        // HF initialises v ~ N(0, 2 / (K * C_in)) and g = ||v||; g = 1 keeps the kernel's scale comparable.
        this.g = parameter("parametrizations.weight.original0", new Shape(1, 1, kernel), new ConstantInitializer(1f));
        this.v = parameter(
                "parametrizations.weight.original1",
                new Shape(channels, channels / groups, kernel),
                new NormalInitializer((float) Math.sqrt(2.0 / (kernel * (double) channels / groups))));
    }

    /**
     * The effective kernel {@code g * v / ||v||}, owned by {@code owner}, in the stored dtype of {@code v}. The norm
     * is always taken in FP32: over FP16 weights it sums tens of thousands of squares.
     */
    NDArray kernel(NDManager owner) {
        NDArray stored = value(v);
        DataType storedType = stored.getDataType();
        // An op's result belongs to its receiver's manager: re-home the first one so that neither it nor
        // anything derived from it lives (leaks) as long as the weights.
        NDArray vv;
        if (storedType == DataType.FLOAT32) {
            vv = stored;
        } else {
            vv = stored.toType(DataType.FLOAT32, false);
            vv.attach(owner);
        }
        NDArray squared = vv.square();
        squared.attach(owner);
        NDArray inverseNorm = squared.sum(new int[] {0, 1}, true).sqrt().pow(-1);
        NDArray kernel =
                inverseNorm.mul(value(g).toType(DataType.FLOAT32, false)).mul(vv);
        return storedType == DataType.FLOAT32 ? kernel : kernel.toType(storedType, false);
    }

    /** {@code [B, C, T] -> [B, C, T + 2 * padding - K + 1]}. */
    NDArray forward(NDArray x) {
        return op.apply(x, kernel(x.getManager()), value(bias));
    }

    @Override
    public ConvOp convOp() {
        return op;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(forward(inputs.singletonOrThrow()));
    }
}
