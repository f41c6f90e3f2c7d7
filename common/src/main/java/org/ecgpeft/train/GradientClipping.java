package org.ecgpeft.train;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** Global-norm gradient clipping as {@code torch.nn.utils.clip_grad_norm_}, without a host sync. */
public final class GradientClipping {

    private GradientClipping() {
    }

    /**
     * Scales every gradient in place by {@code min(1, maxNorm / (||g||_2 + 1e-6))}, the norm taken over all
     * gradients together. The factor stays on the device (no host round trip).
     *
     * @return the total norm before clipping, as a 0-d array the caller closes
     */
    public static NDArray clipGlobalNorm(List<NDArray> gradients, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("max grad norm must be positive, got " + maxNorm);
        }
        NDArray sumSq = null;
        for (NDArray g : gradients) {
            try (NDArray sq = g.square(); NDArray s = sq.sum()) {
                if (sumSq == null) {
                    sumSq = s.duplicate();
                } else {
                    sumSq.addi(s);
                }
            }
        }
        NDArray norm = sumSq.sqrt();
        sumSq.close();
        try (NDArray denom = norm.add(1e-6f); NDArray inverse = denom.pow(-1f);
             NDArray coef = inverse.mul((float) maxNorm);
             NDArray clamped = coef.minimum(1f)) {
            for (NDArray g : gradients) {
                g.muli(clamped);
            }
        }
        return norm;
    }
}
