package org.ecgpeft.tensor;

/** A torch storage as named by a pickle persistent id: element type, zip entry key, element count. */
record TorchStorageRef(TensorDType dtype, String key, long numel) {}
