package org.ecgpeft.peft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Set;
import org.ecgpeft.model.nn.Linear;
import org.ecgpeft.model.nn.Module;

/** Small modules with checkpoint-style names for PEFT tests. */
final class TestNets {

    private TestNets() {}

    /** A container that exposes {@code register}, to build name trees. */
    static class Node extends Module {
        <M extends Module> M add(String name, M m) {
            return register(name, m);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            throw new UnsupportedOperationException("container");
        }
    }

    /** A transformer-like layer: attention q/k/v/out, then a feed-forward, with both adapter sites. */
    static final class Layer extends Module {
        final Node attention = register("attention", new Node());
        final Linear q;
        final Linear k;
        final Linear v;
        final Linear out;
        final Linear fc;

        Layer(int h) {
            q = attention.add("q_proj", new Linear(h, h, true));
            k = attention.add("k_proj", new Linear(h, h, true));
            v = attention.add("v_proj", new Linear(h, h, true));
            out = attention.add("out_proj", new Linear(h, h, true));
            fc = register("feed_forward", new Linear(h, h, true));
        }

        @Override
        public Set<String> adapterSites() {
            return Set.of("attention", "feed_forward");
        }

        NDArray forward(NDArray x, boolean training) {
            // A toy mixing of q/k/v keeps every projection on the gradient path.
            NDArray a = out.forward(
                    q.forward(x, training).mul(k.forward(x, training)).add(v.forward(x, training)), training);
            NDArray h = x.add(adapt("attention", a, training));
            return h.add(adapt("feed_forward", fc.forward(h, training).tanh(), training));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            return new NDList(forward(in.singletonOrThrow(), training));
        }
    }

    /** Names like wav2vec2-tiny's classifier: {@code wav2vec2.encoder.layers.N.attention.*}, {@code projector}, {@code classifier}. */
    static final class Classifier extends Module {
        final Layer[] layers;
        final Linear projector;
        final Linear classifier;

        Classifier(int hidden, int proj, int nLayers) {
            Node encoder = register("wav2vec2", new Node()).add("encoder", new Node());
            Node list = encoder.add("layers", new Node());
            layers = new Layer[nLayers];
            for (int i = 0; i < nLayers; i++) {
                layers[i] = list.add(Integer.toString(i), new Layer(hidden));
            }
            projector = register("projector", new Linear(hidden, proj, true));
            classifier = register("classifier", new Linear(proj, 2, true));
        }

        /** x [B, T, H] -> logits [B, 2] (mean over T). */
        NDArray forward(NDArray x, boolean training) {
            NDArray h = x;
            for (Layer l : layers) {
                h = l.forward(h, training);
            }
            return classifier.forward(projector.forward(h, training).mean(new int[] {1}), training);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            return new NDList(forward(in.singletonOrThrow(), training));
        }
    }
}
