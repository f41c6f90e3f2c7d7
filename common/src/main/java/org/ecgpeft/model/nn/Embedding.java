package org.ecgpeft.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/** {@code torch.nn.Embedding}: a lookup table {@code weight [num, dim]} indexed by integer ids. */
public final class Embedding extends Module {

    private final Parameter weight;

    public Embedding(int numEmbeddings, int dim, float initStd) {
        this.weight = parameter("weight", new Shape(numEmbeddings, dim), new NormalInitializer(initStd));
    }

    public NDArray forward(NDArray ids) {
        return ids.getNDArrayInternal()
                .embedding(ids, value(weight), SparseFormat.DENSE)
                .singletonOrThrow();
    }

    public Parameter weight() {
        return weight;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(forward(inputs.singletonOrThrow()));
    }
}
