package org.ecgpeft.model.qwen3;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ecgpeft.model.nn.Module;

/** The {@code layers} list ({@code nn.ModuleList}): children named {@code 0, 1, ...} as in the checkpoint. */
final class DecoderLayers extends Module {

    private final List<Qwen3DecoderLayer> layers = new ArrayList<>();

    DecoderLayers(Qwen3Config config) {
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            layers.add(register(Integer.toString(i), new Qwen3DecoderLayer(config, i)));
        }
    }

    List<Qwen3DecoderLayer> list() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        NDList state = inputs;
        for (Qwen3DecoderLayer layer : layers) {
            NDList out = layer.forward(ps, state, training, p);
            NDList next = new NDList(out.singletonOrThrow());
            next.addAll(inputs.subNDList(1));
            state = next;
        }
        return new NDList(state.get(0));
    }
}
