package org.ecgpeft.tensor;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * Element types found in checkpoints, with their size and safetensors name. BF16 has no DJL
 * counterpart the PyTorch JNI can use, so {@link #djlType()} maps it to the FP32 it is widened to.
 */
public enum TensorDType {
    F32(4, "F32", DataType.FLOAT32),
    F16(2, "F16", DataType.FLOAT16),
    BF16(2, "BF16", DataType.FLOAT32),
    F64(8, "F64", DataType.FLOAT64),
    I64(8, "I64", DataType.INT64),
    I32(4, "I32", DataType.INT32),
    I16(2, "I16", DataType.INT16),
    I8(1, "I8", DataType.INT8),
    U8(1, "U8", DataType.UINT8),
    BOOL(1, "BOOL", DataType.BOOLEAN);

    private final int byteSize;
    private final String safetensorsName;
    private final DataType djlType;

    TensorDType(int byteSize, String safetensorsName, DataType djlType) {
        this.byteSize = byteSize;
        this.safetensorsName = safetensorsName;
        this.djlType = djlType;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** The dtype string of a safetensors header. */
    public String safetensorsName() {
        return safetensorsName;
    }

    /** The DJL type an array of this dtype is created with when no other target is asked for. */
    public DataType djlType() {
        return djlType;
    }

    /** Parses a safetensors dtype string such as {@code "BF16"}. */
    public static TensorDType fromSafetensors(String name) {
        for (TensorDType t : values()) {
            if (t.safetensorsName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported safetensors dtype '" + name + "'");
    }

    /** Maps a torch legacy storage class name such as {@code FloatStorage} to its dtype. */
    public static TensorDType fromTorchStorage(String storageClass) {
        return switch (storageClass) {
            case "FloatStorage" -> F32;
            case "HalfStorage" -> F16;
            case "BFloat16Storage" -> BF16;
            case "DoubleStorage" -> F64;
            case "LongStorage" -> I64;
            case "IntStorage" -> I32;
            case "ShortStorage" -> I16;
            case "CharStorage" -> I8;
            case "ByteStorage" -> U8;
            case "BoolStorage" -> BOOL;
            default ->
                throw new IllegalArgumentException("unsupported torch storage type 'torch." + storageClass + "'");
        };
    }

    /** The dtype DJL arrays of {@code type} are written as, e.g. when saving safetensors. */
    public static TensorDType fromDjl(DataType type) {
        return switch (type) {
            case FLOAT32 -> F32;
            case FLOAT16 -> F16;
            case FLOAT64 -> F64;
            case INT64 -> I64;
            case INT32 -> I32;
            case INT16 -> I16;
            case INT8 -> I8;
            case UINT8 -> U8;
            case BOOLEAN -> BOOL;
            default ->
                throw new IllegalArgumentException(
                        "DJL type " + type.name().toLowerCase(Locale.ROOT) + " has no checkpoint dtype here");
        };
    }

    /** Whether values are floating point (and may therefore be converted to another float type). */
    public boolean isFloating() {
        return this == F32 || this == F16 || this == BF16 || this == F64;
    }
}
