package org.ecgpeft.tensor;

import java.util.Arrays;

/**
 * A tensor as {@code torch._utils._rebuild_tensor_v2} describes it: a view of a storage with an
 * element offset, a size and a stride (all in elements). The view is checked to lie inside the storage's
 * declared elements and not to overlap itself, so reading it never touches bytes outside its storage and
 * never materializes more elements than the storage holds.
 */
record TorchTensorRef(TorchStorageRef storage, long offset, long[] size, long[] stride) {

    TorchTensorRef {
        if (size.length != stride.length) {
            throw new IllegalArgumentException("tensor size " + Arrays.toString(size) + " and stride "
                    + Arrays.toString(stride) + " differ in rank");
        }
        size = size.clone();
        stride = stride.clone();
        String view = "tensor view (offset " + offset + ", size " + Arrays.toString(size) + ", stride "
                + Arrays.toString(stride) + ") of storage '" + storage.key() + "' (" + storage.numel() + " elements)";
        if (offset < 0
                || storage.numel() < 0
                || Arrays.stream(size).anyMatch(d -> d < 0)
                || Arrays.stream(stride).anyMatch(d -> d < 0)) {
            throw new IllegalArgumentException("negative offset, size, stride or storage length in " + view);
        }
        try {
            long numel = exactNumel(size);
            long end = storageEnd(offset, size, stride, numel);
            if (end > storage.numel()) {
                throw new IllegalArgumentException(view + " reaches element " + end + ", past the storage's end");
            }
            if (numel > end - offset) {
                throw new IllegalArgumentException(
                        view + " overlaps itself (" + numel + " elements in a span of " + (end - offset) + ")");
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(view + " overflows a 64-bit element count", e);
        }
    }

    TensorMeta meta(String name) {
        return new TensorMeta(name, storage.dtype(), size);
    }

    long numel() {
        return exactNumel(size);
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
        return storageEnd(offset, size, stride, numel());
    }

    private static long exactNumel(long[] size) {
        long n = 1;
        for (long d : size) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    private static long storageEnd(long offset, long[] size, long[] stride, long numel) {
        if (numel == 0) {
            return offset;
        }
        long last = offset;
        for (int i = 0; i < size.length; i++) {
            last = Math.addExact(last, Math.multiplyExact(size[i] - 1, stride[i]));
        }
        return Math.addExact(last, 1);
    }
}
