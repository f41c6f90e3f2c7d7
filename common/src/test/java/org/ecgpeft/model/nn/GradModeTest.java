package org.ecgpeft.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GradModeTest {

    /**
     * The premise: a thread other than the one that started the engine (a Spark task thread) records autograd
     * graphs unless told not to; inside {@link GradMode#off} it does not, and the thread's setting comes back after,
     * also when the body throws.
     */
    @Test
    void offStopsRecordingOnAFreshThreadAndRestoresItsSetting() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            m.zeros(new Shape(1)); // starts the engine on this thread
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                pool.submit(() -> onAFreshThread(m)).get(1, TimeUnit.MINUTES);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static Void onAFreshThread(NDManager m) {
        assertTrue(JniUtils.isGradMode(), "a fresh thread records by libtorch's default");
        try (NDManager scope = m.newSubManager()) {
            NDArray w = scope.ones(new Shape(3));
            w.setRequiresGradient(true);
            NDArray unrecorded = GradMode.off(() -> {
                assertFalse(JniUtils.isGradMode());
                return w.mul(2).sum();
            });
            assertThrows(
                    RuntimeException.class,
                    () -> backward(unrecorded),
                    "an op under off() must not join the autograd graph");
            backward(w.mul(2).sum());
            assertArrayEquals(
                    new float[] {2, 2, 2}, w.getGradient().toFloatArray(), "outside off() the op joins the graph");
        }
        assertThrows(
                IllegalStateException.class,
                () -> GradMode.off(() -> {
                    throw new IllegalStateException("body failed");
                }));
        assertTrue(JniUtils.isGradMode(), "restored after a failing body");
        JniUtils.setGradMode(false);
        assertEquals(Boolean.TRUE, GradMode.on(JniUtils::isGradMode));
        assertFalse(JniUtils.isGradMode(), "restored after on()");
        return null;
    }

    private static void backward(NDArray scalar) {
        JniUtils.backward((PtNDArray) scalar, (PtNDArray) scalar.onesLike(), false, false);
    }
}
