package org.ecgpeft.jobs.features;

import java.util.Arrays;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spark ML {@link Transformer} that runs a frozen MS-CNN encoder over a column of ECG windows
 * ({@code array<float>} of the encoder's input length) on the executors and appends the 1,024-d feature
 * ({@code array<float>}), optionally also the encoder's AF probability ({@code double}).
 *
 * <p>The pattern of the DJL Spark extension: {@code mapPartitions} with the model loaded lazily once per
 * executor JVM ({@link EncoderCache}) and inference in batches of {@link #batchSize()} rows, each on its own
 * sub-manager. Being a {@code Transformer}, it composes in an MLlib {@code Pipeline}.
 */
public final class EcgFeatureTransformer extends Transformer {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> checkpoint;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final Param<String> probabilityCol;
  private final IntParam batchSize;

  /** A transformer with a random uid. */
  public EcgFeatureTransformer() {
    this(Identifiable$.MODULE$.randomUID("ecgFeatures"));
  }

  /** A transformer with the given uid (used by {@link #copy}). */
  public EcgFeatureTransformer(String uid) {
    this.uid = uid;
    checkpoint = new Param<>(this, "checkpoint", "MS-CNN checkpoint folder (local path or Hadoop URI)");
    inputCol = new Param<>(this, "inputCol", "input column of windows, array<float>");
    outputCol = new Param<>(this, "outputCol", "output column of feature vectors, array<float>");
    probabilityCol = new Param<>(this, "probabilityCol",
        "optional output column of the encoder's AF probability (empty: none)");
    batchSize = new IntParam(this, "batchSize", "windows per inference batch (> 0)", ParamValidators.gt(0));
    setDefault(inputCol, "signal");
    setDefault(outputCol, "features");
    setDefault(probabilityCol, "");
    setDefault(batchSize, (Object) 64);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The checkpoint param. */
  public Param<String> checkpoint() {
    return checkpoint;
  }

  /** The input column param. */
  public Param<String> inputCol() {
    return inputCol;
  }

  /** The output column param. */
  public Param<String> outputCol() {
    return outputCol;
  }

  /** The optional probability column param. */
  public Param<String> probabilityCol() {
    return probabilityCol;
  }

  /** The batch size param. */
  public IntParam batchSize() {
    return batchSize;
  }

  /** Sets the MS-CNN checkpoint folder. */
  public EcgFeatureTransformer setCheckpoint(String value) {
    set(checkpoint, value);
    return this;
  }

  /** Sets the input column. */
  public EcgFeatureTransformer setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  /** Sets the output column. */
  public EcgFeatureTransformer setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  /** Sets the AF probability column (empty: none). */
  public EcgFeatureTransformer setProbabilityCol(String value) {
    set(probabilityCol, value);
    return this;
  }

  /** Sets the inference batch size. */
  public EcgFeatureTransformer setBatchSize(int value) {
    set(batchSize, (Object) value);
    return this;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType out = transformSchema(dataset.schema());
    String in = getOrDefault(inputCol);
    FeaturePartition encode = new FeaturePartition(getOrDefault(checkpoint), in, dataset.schema().fieldIndex(in),
        (Integer) getOrDefault(batchSize), !getOrDefault(probabilityCol).isEmpty());
    return dataset.toDF().mapPartitions(encode, Encoders.row(out));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    if (!isDefined(checkpoint) || getOrDefault(checkpoint).isBlank()) {
      throw new IllegalArgumentException(uid + ": param 'checkpoint' (the MS-CNN checkpoint folder) is not set");
    }
    String in = getOrDefault(inputCol);
    if (!Arrays.asList(schema.fieldNames()).contains(in)) {
      throw new IllegalArgumentException(uid + ": input column '" + in + "' is missing (have "
          + Arrays.toString(schema.fieldNames()) + ")");
    }
    if (!(schema.apply(in).dataType() instanceof ArrayType a) || a.elementType() != DataTypes.FloatType) {
      throw new IllegalArgumentException(uid + ": input column '" + in + "' must be array<float>, got "
          + schema.apply(in).dataType().simpleString());
    }
    StructType result = schema.add(newColumn(schema, getOrDefault(outputCol)),
        DataTypes.createArrayType(DataTypes.FloatType, false), false);
    String prob = getOrDefault(probabilityCol);
    return prob.isEmpty() ? result : result.add(newColumn(result, prob), DataTypes.DoubleType, false);
  }

  @Override
  public EcgFeatureTransformer copy(ParamMap extra) {
    return (EcgFeatureTransformer) defaultCopy(extra);
  }

  private String newColumn(StructType schema, String name) {
    if (name.isBlank()) {
      throw new IllegalArgumentException(uid + ": output column names must not be blank");
    }
    if (Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException(uid + ": output column '" + name + "' already exists");
    }
    return name;
  }
}
