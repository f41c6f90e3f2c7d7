package org.ecgpeft.peft;

import java.util.List;
import java.util.Set;

/**
 * Bottleneck-adapter hyper-parameters.
 *
 * @param style where adapters go: {@link Style#HOULSBY} after attention and feed-forward, {@link Style#PFEIFFER}
 *     after feed-forward only
 * @param reductionFactor hidden size / bottleneck size (e.g. 16 gives 48 for a 768-d model)
 * @param activation activation by HF name (relu, gelu, silu, swish, tanh)
 * @param layerNorm whether a LayerNorm normalises the adapter's input before the down-projection
 * @param upInit initialisation of the up-projection weight
 * @param modulesToSave modules (the classification head) trained in full and saved with the adapters
 */
public record AdapterConfig(
        Style style,
        int reductionFactor,
        String activation,
        boolean layerNorm,
        UpInit upInit,
        List<String> modulesToSave) {

    /** Adapter placement. */
    public enum Style {
        /** Houlsby et al. 2019: after the attention and the feed-forward sub-layers. */
        HOULSBY(Set.of("attention", "feed_forward")),
        /** Pfeiffer et al. 2021: after the feed-forward sub-layer only. */
        PFEIFFER(Set.of("feed_forward"));

        private final Set<String> sites;

        Style(Set<String> sites) {
            this.sites = sites;
        }

        /** The adapter sites (see {@code Module.adapterSites()}) this style uses. */
        public Set<String> sites() {
            return sites;
        }
    }

    /** Up-projection init; both give a near-identity adapter at the start. */
    public enum UpInit {
        /** All zeros: exactly the identity at step 0. */
        ZERO,
        /** N(0, 0.01) as AdapterHub's "bert" init: nearly the identity, with gradients reaching the down-projection. */
        NORMAL
    }

    public AdapterConfig {
        if (style == null) {
            throw new IllegalArgumentException("style must be HOULSBY or PFEIFFER");
        }
        if (reductionFactor <= 0) {
            throw new IllegalArgumentException("reduction_factor must be positive, got " + reductionFactor);
        }
        if (activation == null
                || !List.of("relu", "gelu", "silu", "swish", "tanh").contains(activation)) {
            throw new IllegalArgumentException(
                    "non_linearity must be one of relu, gelu, silu, swish, tanh; got " + activation);
        }
        if (upInit == null) {
            throw new IllegalArgumentException("init_weights must be ZERO or NORMAL");
        }
        modulesToSave = modulesToSave == null ? List.of() : List.copyOf(modulesToSave);
    }

    /** The bottleneck width for a model of {@code hiddenSize}: at least 1. */
    public int bottleneck(int hiddenSize) {
        return Math.max(1, hiddenSize / reductionFactor);
    }
}
