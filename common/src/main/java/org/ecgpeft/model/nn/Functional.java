package org.ecgpeft.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** Stateless tensor functions with PyTorch semantics that DJL does not name directly. */
public final class Functional {

    private Functional() {}

    /** Exact (erf) GELU, as HF's {@code "gelu"} activation and {@code torch.nn.GELU()}. */
    public static NDArray gelu(NDArray x) {
        return Activation.gelu(x);
    }

    /** SiLU / swish: {@code x * sigmoid(x)}. */
    public static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }

    /** Inverted dropout; identity when not training or when the rate is 0. */
    public static NDArray dropout(NDArray x, float rate, boolean training) {
        if (!training || rate <= 0f) {
            return x;
        }
        return x.getNDArrayInternal().dropout(x, rate, true).singletonOrThrow();
    }

    /** Activation by its HF config name. */
    public static NDArray activation(String name, NDArray x) {
        switch (name) {
            case "gelu":
                return gelu(x);
            case "relu":
                return Activation.relu(x);
            case "silu":
            case "swish":
                return silu(x);
            case "tanh":
                return Activation.tanh(x);
            default:
                throw new IllegalArgumentException(
                        "unsupported activation '" + name + "' (gelu, relu, silu, swish, tanh)");
        }
    }
}
