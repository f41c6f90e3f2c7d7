package org.ecgpeft.jobs.ml;

import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ecgpeft.lake.Floats;

/**
 * Base of the Spark ML {@link Transformer}s that run a model over a signal column ({@link Floats}) on the
 * executors: the model is loaded once per executor JVM ({@link ExecutorModelCache}) and applied in batches
 * ({@link BatchPartition}). It holds the params every such stage has (checkpoint, input column, batch size)
 * and is {@code MLWritable}: a fitted {@code PipelineModel} holding it saves and loads with Spark's own
 * {@code save}/{@code PipelineModel.load}. A subclass has a public {@code (String uid)} constructor and a
 * static {@code read()} (Spark's persistence finds both by reflection) and says what it appends.
 *
 * @param <T> the subclass, so setters chain
 */
public abstract class ModelTransformer<T extends ModelTransformer<T>> extends Transformer
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    // Spark finds params through public no-argument methods returning a Param, hence the accessors below.
    private final Param<String> checkpoint;
    private final Param<String> inputCol;
    private final IntParam batchSize;

    /**
     * @param uid            the stage's uid (params record it, so it is set before they are made)
     * @param checkpointHelp what the checkpoint param names
     */
    protected ModelTransformer(String uid, String checkpointHelp) {
        this.uid = uid;
        checkpoint = new Param<>(this, "checkpoint", checkpointHelp + " (local path or Hadoop URI)");
        inputCol = new Param<>(this, "inputCol", "input column of ECG windows, binary float32 or array<float>");
        batchSize = new IntParam(this, "batchSize", "windows per model call (> 0)", ParamValidators.gt(0));
        setDefault(inputCol, "signal");
        setDefault(batchSize, (Object) 64);
    }

    @Override
    public final String uid() {
        return uid;
    }

    /** The model checkpoint param (required). */
    public final Param<String> checkpoint() {
        return checkpoint;
    }

    /** The input column param (default {@code signal}). */
    public final Param<String> inputCol() {
        return inputCol;
    }

    /** The batch size param (default 64). */
    public final IntParam batchSize() {
        return batchSize;
    }

    /** Sets the model checkpoint. */
    public final T setCheckpoint(String value) {
        set(checkpoint, value);
        return self();
    }

    /** Sets the input column. */
    public final T setInputCol(String value) {
        set(inputCol, value);
        return self();
    }

    /** Sets the batch size. */
    public final T setBatchSize(int value) {
        set(batchSize, (Object) value);
        return self();
    }

    /**
     * The executor-side function for a dataset whose input column is at {@code inputIndex}.
     *
     * @param hadoop the session's Hadoop configuration, for the executors to read the checkpoint with
     */
    protected abstract BatchPartition<?> partitionFunction(
            String checkpoint, Configuration hadoop, String inputCol, int inputIndex, int batchSize);

    /** The input schema with the columns this stage appends. */
    protected abstract StructType appendOutputs(StructType schema);

    /**
     * {@code rows} hash-partitioned by {@code record} into {@code partitions}, and sorted by {@code record} then
     * {@code within} in each partition: every run puts the same rows into the same batches. A round-robin
     * {@code repartition} does not (rows move with the order upstream tasks deliver them), and batched inference
     * can differ in the last bits with a batch's make-up, so a second evaluation of unchanged data would rewrite
     * its predictions. A record's rows share a partition, so a per-record mean adds them in one fixed order too.
     */
    public static Dataset<Row> inStableBatches(Dataset<Row> rows, int partitions, String record, String within) {
        return rows.repartition(partitions, functions.col(record)).sortWithinPartitions(record, within);
    }

    @Override
    public final Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        String in = $(inputCol);
        return dataset.toDF()
                .mapPartitions(
                        partitionFunction(
                                $(checkpoint),
                                dataset.sparkSession().sparkContext().hadoopConfiguration(),
                                in,
                                dataset.schema().fieldIndex(in),
                                (Integer) $(batchSize)),
                        Encoders.row(out));
    }

    @Override
    public final StructType transformSchema(StructType schema) {
        if (!isDefined(checkpoint) || $(checkpoint).isBlank()) {
            throw new IllegalArgumentException(uid + ": param 'checkpoint' (the model's checkpoint folder) is not set");
        }
        String in = $(inputCol);
        if (!Arrays.asList(schema.fieldNames()).contains(in)) {
            throw new IllegalArgumentException(
                    uid + ": input column '" + in + "' is missing (have " + Arrays.toString(schema.fieldNames()) + ")");
        }
        DataType type = schema.apply(in).dataType();
        if (!type.equals(Floats.TYPE)
                && !(type instanceof ArrayType a && a.elementType().equals(DataTypes.FloatType))) {
            throw new IllegalArgumentException(uid + ": input column '" + in + "' must be a signal (binary float32 "
                    + "or array<float>), got " + type.simpleString());
        }
        return appendOutputs(schema);
    }

    /** {@code schema} plus a new non-null column, refusing a blank name or one that exists. */
    protected final StructType addColumn(StructType schema, String name, DataType type) {
        if (name.isBlank()) {
            throw new IllegalArgumentException(uid + ": output column names must not be blank");
        }
        if (Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException(uid + ": output column '" + name + "' already exists in the input");
        }
        return schema.add(name, type, false);
    }

    @Override
    @SuppressWarnings("unchecked")
    public final T copy(ParamMap extra) {
        return (T) defaultCopy(extra);
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }
}
