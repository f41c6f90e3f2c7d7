package org.ecgpeft.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleTest {

    /** A two-layer block shaped like a transformer sub-layer, to check names, adapters and deltas. */
    static final class Block extends Module {
        final Linear q_proj = register("q_proj", new Linear(3, 2, true));
        final LayerNorm norm = register("norm", new LayerNorm(2, 1e-5f));

        @Override
        public java.util.Set<String> adapterSites() {
            return java.util.Set.of("attention");
        }

        NDArray forward(NDArray x) {
            return norm.forward(adapt("attention", q_proj.forward(x, false), false));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            return new NDList(forward(in.singletonOrThrow()));
        }
    }

    static final class Doubler extends SublayerAdapter {
        @Override
        public NDArray forward(NDArray h, boolean training) {
            return h.mul(2);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            return new NDList(forward(in.singletonOrThrow(), training));
        }
    }

    static final class PlusOne extends LinearDelta {
        final Linear lora_A = register("lora_A", new Linear(3, 1, false));

        @Override
        public NDArray forward(NDArray x, boolean training) {
            return x.sum(new int[] {-1}, true).add(1).repeat(-1, 2);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            return new NDList(forward(in.singletonOrThrow(), training));
        }
    }

    @Test
    void namesFollowTheCheckpointLayoutAndAdaptersAndDeltasNestUnderTheirHost() {
        Block b = new Block();
        b.q_proj.attach(new PlusOne());
        b.attachAdapter("attention", new Doubler());
        assertEquals(
                List.of("q_proj.weight", "q_proj.bias", "q_proj.lora_A.weight", "norm.weight", "norm.bias"),
                List.copyOf(b.namedParameters().keySet()));
        assertEquals(
                List.of("q_proj", "q_proj.lora_A", "norm", "adapter_attention"),
                List.copyOf(b.namedModules().keySet()));
        assertEquals(new Shape(1, 3), b.declaredShape("q_proj.lora_A.weight"));
        assertThrows(IllegalArgumentException.class, () -> b.attachAdapter("ffn", new Doubler()));
    }

    @Test
    void linearDeltaAndAdapterChangeTheOutputAsDeclared() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear lin = new Linear(3, 2, true);
            lin.materialize(m, DataType.FLOAT32, false);
            lin.weight().getArray().set(new float[] {1, 2, 3, 4, 5, 6});
            lin.bias().getArray().set(new float[] {0.5f, -0.5f});
            NDArray x = m.create(new float[] {1, 1, 2}, new Shape(1, 3));
            assertArrayEquals(new float[] {9.5f, 20.5f}, lin.forward(x, false).toFloatArray(), 1e-6f);
            lin.attach(new PlusOne());
            lin.materialize(m, DataType.FLOAT32, true);
            assertArrayEquals(new float[] {14.5f, 25.5f}, lin.forward(x, false).toFloatArray(), 1e-6f);
        }
    }

    @Test
    void freezingLeavesOnlyChosenParametersTrainableAndCountsFollow() {
        Block b = new Block();
        b.setTrainable(false);
        b.norm.setTrainable(true);
        assertEquals(
                List.of("norm.weight", "norm.bias"),
                List.copyOf(b.trainableParameters().keySet()));
        assertEquals(4, b.countParameters(true));
        assertEquals(12, b.countParameters(false));
    }

    @Test
    void groupNormMatchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            GroupNorm gn = new GroupNorm(1, 2, 0f);
            gn.materialize(m, DataType.FLOAT32, true);
            gn.namedParameters().get("weight").getArray().set(new float[] {2, 1});
            gn.namedParameters().get("bias").getArray().set(new float[] {0, 1});
            // one group over channels {1,3},{5,7}: mean 4, population variance 5.
            NDArray x = m.create(new float[] {1, 3, 5, 7}, new Shape(1, 2, 2));
            float s = (float) Math.sqrt(5);
            assertArrayEquals(
                    new float[] {2 * -3 / s, 2 * -1 / s, 1 / s + 1, 3 / s + 1},
                    gn.forward(x).toFloatArray(),
                    1e-6f);
        }
    }

    @Test
    void rmsNormMatchesHandComputationAndKeepsTheInputDtype() {
        try (NDManager m = NDManager.newBaseManager()) {
            RmsNorm norm = new RmsNorm(2, 0f);
            norm.materialize(m, DataType.FLOAT32, true);
            NDArray x = m.create(new float[] {3, 4}, new Shape(1, 2));
            float rms = (float) Math.sqrt(12.5);
            assertArrayEquals(new float[] {3 / rms, 4 / rms}, norm.forward(x).toFloatArray(), 1e-6f);
            assertEquals(
                    DataType.FLOAT16,
                    norm.forward(x.toType(DataType.FLOAT16, false)).getDataType());
        }
    }

    @Test
    void outputShapesComeFromATrialForward() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = new Block();
            b.materialize(m, DataType.FLOAT32, true);
            assertEquals(new Shape(4, 5, 2), b.getOutputShapes(new Shape[] {new Shape(4, 5, 3)})[0]);
        }
    }

    @Test
    void batchNormUsesBatchStatisticsWhileTrainingAndUpdatesRunningStatsLikeTorch() {
        try (NDManager m = NDManager.newBaseManager()) {
            BatchNorm1d bn = new BatchNorm1d(1);
            bn.materialize(m, DataType.FLOAT32, true);
            bn.setTrainable(true);
            assertEquals(
                    List.of("weight", "bias"),
                    List.copyOf(bn.trainableParameters().keySet()));
            NDArray x = m.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new Shape(2, 1, 4));
            NDArray y = bn.forward(x, true);
            // batch mean 4.5, biased variance 5.25
            assertEquals((1 - 4.5) / Math.sqrt(5.25 + 1e-5), y.toFloatArray()[0], 1e-5);
            // torch: running = 0.9 * running + 0.1 * batch (unbiased variance 6)
            assertEquals(
                    0.45f, bn.namedParameters().get("running_mean").getArray().getFloat(0), 1e-6f);
            assertEquals(
                    0.9f + 0.6f,
                    bn.namedParameters().get("running_var").getArray().getFloat(0),
                    1e-6f);
            NDArray z = bn.forward(x, false);
            assertEquals((1 - 0.45) / Math.sqrt(1.5 + 1e-5), z.toFloatArray()[0], 1e-5);
        }
    }
}
