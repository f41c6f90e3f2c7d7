package org.ecgpeft.lake;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The one codec of signal columns. Since layout {@value #LAYOUT} a signal is stored as {@code binary} holding
 * little-endian float32 samples (4 bytes each): Parquet writes it as one value instead of one repeated element
 * per sample. Tables and versions written before hold {@code array<float>}; every reader decodes a signal
 * through {@link #of(Row, int)}, which reads either layout, so time travel to an old version keeps working.
 */
public final class Floats {
    /** The signal layout of this version, recorded in the tables' {@link #LAYOUT_PROPERTY}. */
    public static final String LAYOUT = "float32le-v2";
    /** The Delta table property naming the layout of a table's signal columns. */
    public static final String LAYOUT_PROPERTY = "ecg.signal_layout";
    /** The SQL function that shows a signal's samples: {@code ecg_samples(signal)} is {@code array<float>}. */
    public static final String SAMPLES_FUNCTION = "ecg_samples";
    /** The stored type of a signal column. */
    public static final DataType TYPE = DataTypes.BinaryType;
    /** The type of a signal column written before layout {@value #LAYOUT}. */
    public static final DataType OLD_TYPE = DataTypes.createArrayType(DataTypes.FloatType, true);

    private static final UserDefinedFunction ENCODE =
            functions.udf((UDF1<Object, byte[]>) v -> v == null ? null : encode(fromSql(v)), TYPE);
    private static final UserDefinedFunction DECODE = functions.udf((UDF1<Object, float[]>) Floats::fromSql, OLD_TYPE);

    private Floats() {}

    /** Samples as stored: 4 little-endian bytes per float, bit for bit (NaN payloads included). */
    public static byte[] encode(float[] samples) {
        ByteBuffer buf = ByteBuffer.allocate(Float.BYTES * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(samples);
        return buf.array();
    }

    /** The samples of a stored signal. */
    public static float[] decode(byte[] stored) {
        if (stored.length % Float.BYTES != 0) {
            throw new IllegalArgumentException(
                    "a " + LAYOUT + " signal has a multiple of 4 bytes, not " + stored.length);
        }
        float[] out = new float[stored.length / Float.BYTES];
        ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** A primitive copy of a non-null {@code array<float>} value without null elements. */
    public static float[] of(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            Float v = values.get(i);
            if (v == null) {
                throw new IllegalArgumentException("signal has a null sample at " + i);
            }
            out[i] = v;
        }
        return out;
    }

    /** The samples of column {@code index} of {@code row}, stored in either layout; the value must not be null. */
    public static float[] of(Row row, int index) {
        Object v = row.get(index);
        if (v == null) {
            throw new IllegalArgumentException("signal column " + index + " is null");
        }
        return v instanceof byte[] b ? decode(b) : of(row.<Float>getList(index));
    }

    /** The number of samples of signal column {@code name} of {@code rows}, in either layout, as a column. */
    public static Column sampleCount(Dataset<Row> rows, String name) {
        return isOld(rows.schema().apply(name).dataType())
                ? functions.size(functions.col(name))
                : functions.length(functions.col(name)).divide(Float.BYTES).cast(DataTypes.IntegerType);
    }

    /** Whether a stored signal column has the layout from before {@value #LAYOUT}. */
    public static boolean isOld(DataType type) {
        if (type instanceof ArrayType) {
            return true;
        }
        if (type instanceof BinaryType) {
            return false;
        }
        throw new IllegalArgumentException("a signal column is binary or array<float>, not " + type.simpleString());
    }

    /** {@code column} (an old-layout {@code array<float>}) in the stored layout, bit for bit. */
    public static Column encoded(Column column) {
        return ENCODE.apply(column);
    }

    /** {@code column} (a signal in the stored layout) as an old-layout {@code array<float>}. */
    public static Column decoded(Column column) {
        return DECODE.apply(column);
    }

    /** Registers {@code ecg_samples(signal)} (either layout to {@code array<float>}) in the session's SQL. */
    public static void registerSqlFunction(SparkSession spark) {
        spark.udf().register(SAMPLES_FUNCTION, (UDF1<Object, float[]>) Floats::fromSql, OLD_TYPE);
    }

    /**
     * A signal as a SQL function receives it, in either layout, as floats (null for null): Spark passes binary as
     * {@code byte[]} and arrays as a Scala Seq.
     */
    public static float[] fromSql(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] b) {
            return decode(b);
        }
        if (v instanceof scala.collection.Seq<?> seq) {
            return of(scala.collection.JavaConverters.seqAsJavaList(seq).stream()
                    .map(Float.class::cast)
                    .toList());
        }
        throw new IllegalArgumentException("not a signal: " + v.getClass().getName());
    }
}
