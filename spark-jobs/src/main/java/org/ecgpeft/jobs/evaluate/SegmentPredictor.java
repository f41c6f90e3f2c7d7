package org.ecgpeft.jobs.evaluate;

import java.util.Arrays;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.DoubleParam;
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
 * A Spark ML {@link Transformer} that applies a trained segment classifier on the executors: each executor
 * JVM loads the model once (lazily, on its first task) and predicts its partitions in batches. It appends
 * {@code prob} (AF probability) and {@code pred} (0/1) to the input rows, so it composes with other
 * stages in an ML {@code Pipeline}.
 */
public final class SegmentPredictor extends Transformer {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final ClassifierLoader loader;

  // Spark finds params through public no-argument methods returning a Param, hence the accessors below.
  private final Param<String> checkpointUri;
  private final Param<String> signalCol;
  private final IntParam batchSize;
  private final DoubleParam threshold;

  /** A predictor loading artifacts with {@code loader}. */
  public SegmentPredictor(ClassifierLoader loader) {
    this(Identifiable$.MODULE$.randomUID("segmentPredictor"), loader);
  }

  private SegmentPredictor(String uid, ClassifierLoader loader) {
    this.uid = uid;
    this.loader = loader;
    // Params are created after the uid is set: a Param records its parent's uid when constructed.
    checkpointUri = new Param<>(this, "checkpointUri", "model artifact folder URI");
    signalCol = new Param<>(this, "signalCol", "segment signal column");
    batchSize = new IntParam(this, "batchSize", "segments per model call (> 0)", ParamValidators.gt(0));
    threshold = new DoubleParam(this, "threshold", "decision threshold in [0, 1]", ParamValidators.inRange(0, 1));
    setDefault(signalCol, "signal");
    setDefault(batchSize, 64);
    setDefault(threshold, 0.5);
  }

  /** URI of the model artifact folder (required). */
  public Param<String> checkpointUri() {
    return checkpointUri;
  }

  /** Name of the {@code array<float>} input column (default {@code signal}). */
  public Param<String> signalCol() {
    return signalCol;
  }

  /** Segments per model call (default 64). */
  public IntParam batchSize() {
    return batchSize;
  }

  /** Probabilities at or above it predict class 1 (default 0.5). */
  public DoubleParam threshold() {
    return threshold;
  }

  /** Sets the model artifact folder URI. */
  public SegmentPredictor setCheckpointUri(String value) {
    set(checkpointUri, value);
    return this;
  }

  /** Sets the input column. */
  public SegmentPredictor setSignalCol(String value) {
    set(signalCol, value);
    return this;
  }

  /** Sets the batch size. */
  public SegmentPredictor setBatchSize(int value) {
    set(batchSize, value);
    return this;
  }

  /** Sets the decision threshold. */
  public SegmentPredictor setThreshold(double value) {
    set(threshold, value);
    return this;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    Dataset<Row> in = dataset.toDF();
    StructType out = transformSchema(in.schema());
    if (!isDefined(checkpointUri)) {
      throw new IllegalArgumentException("SegmentPredictor: checkpointUri is not set");
    }
    int signal = Arrays.asList(in.columns()).indexOf($(signalCol));
    PartitionPredictor predict = new PartitionPredictor($(checkpointUri), loader, signal,
        (Integer) $(batchSize), (Double) $(threshold));
    return in.mapPartitions(predict, Encoders.row(out));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String col = $(signalCol);
    if (!Arrays.asList(schema.fieldNames()).contains(col)) {
      throw new IllegalArgumentException("SegmentPredictor: input has no column '" + col + "' (have "
          + Arrays.toString(schema.fieldNames()) + ")");
    }
    if (!(schema.apply(col).dataType() instanceof ArrayType a) || !a.elementType().equals(DataTypes.FloatType)) {
      throw new IllegalArgumentException("SegmentPredictor: column '" + col + "' must be array<float>, is "
          + schema.apply(col).dataType().simpleString());
    }
    for (String c : new String[] {"prob", "pred"}) {
      if (Arrays.asList(schema.fieldNames()).contains(c)) {
        throw new IllegalArgumentException("SegmentPredictor: input already has an output column '" + c + "'");
      }
    }
    return schema.add("prob", DataTypes.DoubleType, false).add("pred", DataTypes.IntegerType, false);
  }

  @Override
  public SegmentPredictor copy(ParamMap extra) {
    return copyValues(new SegmentPredictor(uid, loader), extra);
  }

  @Override
  public String uid() {
    return uid;
  }
}
