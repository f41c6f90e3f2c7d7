package org.ecgpeft.model.mscnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.ecgpeft.model.nn.BatchNorm1d;
import org.ecgpeft.model.nn.Conv1d;
import org.ecgpeft.model.nn.Functional;
import org.ecgpeft.model.nn.Linear;
import org.ecgpeft.model.nn.Module;

/**
 * MS-CNN: two 1-D convolutional streams over {@code [B, 1, L]} with different kernel sizes, each globally
 * average-pooled, concatenated into one feature ({@link MsCnnConfig#featureDim()}, 1,024-d), then an MLP head.
 * The feature is what the ECG-LLM projects into the language model.
 */
public final class MsCnn extends Module {

    /** The network's two outputs: the fused feature and the class logits. */
    public record Output(NDArray features, NDArray logits) {}

    private final MsCnnConfig config;
    private final Stream stream1;
    private final Stream stream2;
    private final Linear fc1;
    private final Linear fc2;

    public MsCnn(MsCnnConfig config) {
        this.config = config;
        this.stream1 = register("stream1", new Stream(config, config.kernelStream1()));
        this.stream2 = register("stream2", new Stream(config, config.kernelStream2()));
        // Named as nn.Sequential(Linear, ReLU, Dropout, Linear) would be.
        this.fc1 = register("classifier.0", new Linear(config.featureDim(), config.hidden(), true));
        this.fc2 = register("classifier.3", new Linear(config.hidden(), config.numClasses(), true));
    }

    public MsCnnConfig config() {
        return config;
    }

    /** The fused feature {@code [B, featureDim]} for input {@code [B, 1, L]} (or {@code [B, L]}). */
    public NDArray features(NDArray x, boolean training) {
        NDArray in = x.getShape().dimension() == 2 ? x.expandDims(1) : x;
        return stream1.forward(in, training).concat(stream2.forward(in, training), 1);
    }

    public Output forward(NDArray x, boolean training) {
        NDArray f = features(x, training);
        NDArray h = Functional.dropout(Activation.relu(fc1.forward(f, training)), config.dropout(), training);
        return new Output(f, fc2.forward(h, training));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        Output out = forward(inputs.singletonOrThrow(), training);
        return new NDList(out.features(), out.logits());
    }

    /** One stream: blocks of (conv - BN - ReLU) x n then max-pool /2, finally global average pooling. */
    static final class Stream extends Module {

        private final List<List<Conv1d>> convs = new ArrayList<>();
        private final List<List<BatchNorm1d>> norms = new ArrayList<>();

        Stream(MsCnnConfig config, int kernel) {
            int in = 1;
            for (int b = 0; b < config.blockChannels().size(); b++) {
                int out = config.blockChannels().get(b);
                List<Conv1d> blockConvs = new ArrayList<>();
                List<BatchNorm1d> blockNorms = new ArrayList<>();
                for (int j = 0; j < config.convsPerBlock().get(b); j++) {
                    String prefix = "blocks." + b + "." + j + ".";
                    blockConvs.add(register(prefix + "conv", new Conv1d(in, out, kernel, 1, kernel / 2, 1, 1, false)));
                    blockNorms.add(register(prefix + "bn", new BatchNorm1d(out)));
                    in = out;
                }
                convs.add(blockConvs);
                norms.add(blockNorms);
            }
        }

        NDArray forward(NDArray x, boolean training) {
            NDArray h = x;
            for (int b = 0; b < convs.size(); b++) {
                for (int j = 0; j < convs.get(b).size(); j++) {
                    h = Activation.relu(
                            norms.get(b).get(j).forward(convs.get(b).get(j).forward(h), training));
                }
                h = Pool.maxPool1d(h, new Shape(2), new Shape(2), new Shape(0), false);
            }
            return h.mean(new int[] {2});
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
            return new NDList(forward(inputs.singletonOrThrow(), training));
        }
    }
}
