package org.ecgpeft.jobs.evaluate;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ecgpeft.jobs.ml.BatchPartition;
import org.ecgpeft.jobs.ml.ModelTransformer;

/**
 * A Spark ML transformer that applies a trained segment classifier (a PEFT-study artifact or an MS-CNN
 * checkpoint) on the executors. It appends {@code prob} (AF probability) and {@code pred} (0/1) to the input
 * rows. Saved and loaded with the pipeline holding it; the model loader is saved by class name.
 */
public final class SegmentPredictor extends ModelTransformer<SegmentPredictor> {
    private static final long serialVersionUID = 1L;

    private final DoubleParam threshold;
    private final Param<String> loader;

    /** A predictor with a random uid, loading models with {@link ArtifactLoader}. */
    public SegmentPredictor() {
        this(Identifiable$.MODULE$.randomUID("segmentPredictor"));
    }

    /** A predictor with the given uid (used by {@link #copy} and by loading a saved pipeline). */
    public SegmentPredictor(String uid) {
        super(uid, "model artifact folder");
        threshold = new DoubleParam(this, "threshold", "decision threshold in [0, 1]", ParamValidators.inRange(0, 1));
        loader = new Param<>(this, "loader", "class name of the ClassifierLoader the executors load the model with");
        setDefault(threshold, 0.5);
        setDefault(loader, ArtifactLoader.class.getName());
    }

    /** Spark's persistence entry point: reads a saved predictor. */
    public static MLReader<SegmentPredictor> read() {
        return new DefaultParamsReader<>();
    }

    /** Reads a predictor saved at {@code path}. */
    public static SegmentPredictor load(String path) {
        return read().load(path);
    }

    /** Probabilities at or above it predict class 1 (default 0.5). */
    public DoubleParam threshold() {
        return threshold;
    }

    /** The loader class param (default {@link ArtifactLoader}). */
    public Param<String> loader() {
        return loader;
    }

    /** Sets the decision threshold. */
    public SegmentPredictor setThreshold(double value) {
        set(threshold, value);
        return this;
    }

    /** Sets the loader: a public class with a public no-argument constructor, since executors make their own. */
    public SegmentPredictor setLoader(Class<? extends ClassifierLoader> value) {
        PartitionPredictor.loader(value.getName());
        set(loader, value.getName());
        return this;
    }

    @Override
    protected BatchPartition<?> partitionFunction(
            String checkpoint, Configuration hadoop, String inputCol, int inputIndex, int batchSize) {
        return new PartitionPredictor(
                checkpoint, hadoop, inputCol, inputIndex, batchSize, $(loader), (Double) $(threshold));
    }

    @Override
    protected StructType appendOutputs(StructType schema) {
        return addColumn(addColumn(schema, "prob", DataTypes.DoubleType), "pred", DataTypes.IntegerType);
    }
}
