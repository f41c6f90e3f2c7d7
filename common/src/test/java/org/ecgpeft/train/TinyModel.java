package org.ecgpeft.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.SplittableRandom;
import org.ecgpeft.model.nn.Functional;
import org.ecgpeft.model.nn.Linear;
import org.ecgpeft.model.nn.Module;

/** A two-layer MLP classifier over raw segments, for trainer tests. */
final class TinyModel extends Module implements TrainableModel {

    final Linear fc1;
    final Linear fc2;
    private final float dropout;
    private final NDManager manager;

    TinyModel(NDManager manager, int in, int hidden, float dropout, int seed) {
        this.fc1 = register("fc1", new Linear(in, hidden, true));
        this.fc2 = register("fc2", new Linear(hidden, 2, true));
        this.dropout = dropout;
        this.manager = manager;
        Engine.getInstance().setRandomSeed(seed);
        materialize(manager, DataType.FLOAT32, true);
    }

    @Override
    public NDArray forward(NDArray x, boolean training) {
        return fc2.forward(Functional.dropout(Activation.relu(fc1.forward(x, training)), dropout, training), training);
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
        return new NDList(forward(in.singletonOrThrow(), training));
    }

    /** Class 1: a positive bump in the first half; class 0: in the second half; plus noise. 25% positives. */
    static SegmentDataset separable(int n, int length, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] x = new float[n][length];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(4) == 0 ? 1 : 0;
            for (int t = 0; t < length; t++) {
                boolean firstHalf = t < length / 2;
                x[i][t] = (float) (rng.nextGaussian() * 0.5 + ((firstHalf == (y[i] == 1)) ? 1.0 : 0.0));
            }
        }
        return new SegmentDataset(x, y, 100);
    }
}
