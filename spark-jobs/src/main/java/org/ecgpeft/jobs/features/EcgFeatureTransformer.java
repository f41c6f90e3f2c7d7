package org.ecgpeft.jobs.features;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ecgpeft.jobs.ml.BatchPartition;
import org.ecgpeft.jobs.ml.ModelTransformer;

/**
 * Spark ML transformer that runs a frozen MS-CNN encoder over a column of ECG windows ({@code array<float>} of
 * the encoder's input length) on the executors and appends the 1,024-d feature ({@code array<float>}),
 * optionally also the encoder's AF probability ({@code double}). Saved and loaded with the pipeline holding it.
 */
public final class EcgFeatureTransformer extends ModelTransformer<EcgFeatureTransformer> {
    private static final long serialVersionUID = 1L;

    private final Param<String> outputCol;
    private final Param<String> probabilityCol;

    /** A transformer with a random uid. */
    public EcgFeatureTransformer() {
        this(Identifiable$.MODULE$.randomUID("ecgFeatures"));
    }

    /** A transformer with the given uid (used by {@link #copy} and by loading a saved pipeline). */
    public EcgFeatureTransformer(String uid) {
        super(uid, "MS-CNN checkpoint folder");
        outputCol = new Param<>(this, "outputCol", "output column of feature vectors, array<float>");
        probabilityCol = new Param<>(
                this, "probabilityCol", "optional output column of the encoder's AF probability (empty: none)");
        setDefault(outputCol, "features");
        setDefault(probabilityCol, "");
    }

    /** Spark's persistence entry point: reads a saved transformer. */
    public static MLReader<EcgFeatureTransformer> read() {
        return new DefaultParamsReader<>();
    }

    /** Reads a transformer saved at {@code path}. */
    public static EcgFeatureTransformer load(String path) {
        return read().load(path);
    }

    /** The output column param. */
    public Param<String> outputCol() {
        return outputCol;
    }

    /** The optional probability column param. */
    public Param<String> probabilityCol() {
        return probabilityCol;
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

    @Override
    protected BatchPartition<?> partitionFunction(
            String checkpoint, Configuration hadoop, String inputCol, int inputIndex, int batchSize) {
        return new FeaturePartition(
                checkpoint,
                hadoop,
                inputCol,
                inputIndex,
                batchSize,
                !$(probabilityCol).isEmpty());
    }

    @Override
    protected StructType appendOutputs(StructType schema) {
        StructType result = addColumn(schema, $(outputCol), DataTypes.createArrayType(DataTypes.FloatType, false));
        String prob = $(probabilityCol);
        return prob.isEmpty() ? result : addColumn(result, prob, DataTypes.DoubleType);
    }
}
