package org.ecgpeft.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Dtype casts that autograd sees through. DJL's {@code toType} runs {@code Tensor.to} under a no-grad guard in its
 * JNI, so a cast on the path from a trainable weight to the loss silently cuts the gradient (every LoRA branch below
 * an FP16 Linear would get none). Here a widening cast is a type-promoting add of a one-element zero, a narrowing one
 * an in-place copy into a fresh array: both are ordinary differentiable ops whose backward casts the gradient back.
 * Outside grad mode (inference) the plain, cheaper {@code toType} is used. In grad mode every cast takes the
 * differentiable form: the JNI tells a leaf that needs a gradient but not whether a computed array is in the graph.
 */
public final class Casts {

    private Casts() {}

    /** {@code x} as {@code type}; differentiable in grad mode. */
    public static NDArray to(NDArray x, DataType type) {
        DataType from = x.getDataType();
        if (from == type) {
            return x;
        }
        if (!JniUtils.isGradMode()) {
            return x.toType(type, false);
        }
        if (type.getNumOfBytes() > from.getNumOfBytes()) {
            // A one-dimensional operand takes part in type promotion (a zero-dimensional one would not).
            return x.add(x.getManager().zeros(new Shape(1), type));
        }
        NDArray out = x.getManager().zeros(x.getShape(), type);
        out.set(new NDIndex("..."), x);
        return out;
    }
}
