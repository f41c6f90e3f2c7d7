package org.ecgpeft.tensor;

import java.util.Arrays;
import java.util.Objects;

/** Name, element type and shape of one stored tensor. */
public record TensorMeta(String name, TensorDType dtype, long[] shape) {

    /** Validates and defensively copies the shape. */
    public TensorMeta {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = Objects.requireNonNull(shape, "shape").clone();
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "tensor '" + name + "' has a negative dimension: " + Arrays.toString(shape));
            }
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements (1 for a scalar). */
    public long numel() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Bytes the tensor occupies in its stored dtype. */
    public long byteSize() {
        return Math.multiplyExact(numel(), dtype.byteSize());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorMeta m && name.equals(m.name) && dtype == m.dtype && Arrays.equals(shape, m.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}
