package org.ecgpeft.train;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * The names of a frozen base's dtype, as the training jobs take them ({@code --dtype}) and record them in a run's
 * {@code hyper_params}: {@code fp32} or {@code fp16} (DJL has no bf16).
 */
public final class BaseDtype {

    private BaseDtype() {}

    /** {@code fp32} or {@code fp16} (any case) as a DJL data type; anything else fails naming {@code --dtype}. */
    public static DataType parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "fp32" -> DataType.FLOAT32;
            case "fp16" -> DataType.FLOAT16;
            default ->
                throw new IllegalArgumentException("--dtype must be fp32 or fp16 (no bf16 in DJL), got '" + name + "'");
        };
    }
}
