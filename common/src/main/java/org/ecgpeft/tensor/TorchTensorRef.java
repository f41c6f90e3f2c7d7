package org.ecgpeft.tensor;

import java.util.Arrays;

/**
 * A tensor as {@code torch._utils._rebuild_tensor_v2} describes it: a view of a storage with an
 * element offset, a size and a stride (all in elements).
 */
record TorchTensorRef(TorchStorageRef storage, long offset, long[] size, long[] stride) {

    TorchTensorRef {
        if (size.length != stride.length) {
            throw new IllegalArgumentException("tensor size " + Arrays.toString(size) + " and stride "
                    + Arrays.toString(stride) + " differ in rank");
        }
        size = size.clone();
        stride = stride.clone();
    }

    TensorMeta meta(String name) {
        return new TensorMeta(name, storage.dtype(), size);
    }

    long numel() {
        long n = 1;
        for (long d : size) {
            n *= d;
        }
        return n;
    }

    /** Whether the elements are laid out row-major without gaps (dims of size 1 may have any stride). */
    boolean isContiguous() {
        long expected = 1;
        for (int i = size.length - 1; i >= 0; i--) {
            if (size[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= size[i];
        }
        return true;
    }

    /** One past the highest storage element the view touches (its offset when empty). */
    long storageEnd() {
        if (numel() == 0) {
            return offset;
        }
        long last = offset;
        for (int i = 0; i < size.length; i++) {
            last += (size[i] - 1) * stride[i];
        }
        return last + 1;
    }
}
