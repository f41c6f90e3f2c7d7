package org.ecgpeft.model.nn;

import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * Runs code with libtorch's autograd recording set one way, then restores it. libtorch keeps that setting per
 * thread, on by default, and DJL turns it off only on the thread that starts the engine: inference on any other
 * thread (a Spark task, a pool worker) would otherwise record a backward graph it never uses.
 */
public final class GradMode {

    private GradMode() {}

    /** {@code body}'s result, computed without autograd recording (inference). */
    public static <T> T off(Supplier<T> body) {
        return with(false, body);
    }

    /** {@code body}'s result, computed with autograd recording (gradients wanted). */
    public static <T> T on(Supplier<T> body) {
        return with(true, body);
    }

    private static <T> T with(boolean enabled, Supplier<T> body) {
        boolean was = JniUtils.isGradMode();
        if (was == enabled) {
            return body.get();
        }
        JniUtils.setGradMode(enabled);
        try {
            return body.get();
        } finally {
            JniUtils.setGradMode(was);
        }
    }
}
