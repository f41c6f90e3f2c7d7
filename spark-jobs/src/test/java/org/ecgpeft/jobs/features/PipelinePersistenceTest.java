package org.ecgpeft.jobs.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ecgpeft.jobs.evaluate.SegmentPredictor;
import org.ecgpeft.lake.SparkSessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both model transformers in one fitted pipeline, saved with Spark's {@code save} and loaded with
 * {@code PipelineModel.load} in a new session: same params, same outputs. The predictor reads the same MS-CNN
 * checkpoint as the feature stage, so its {@code prob} must also equal the feature stage's AF probability.
 */
class PipelinePersistenceTest {
    private static final int N = 23;
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.IntegerType, false)
            .add("signal", DataTypes.createArrayType(DataTypes.FloatType, true), false);

    @TempDir
    Path tmp;

    @Test
    void aSavedPipelineLoadsInANewSessionAndPredictsTheSame() throws Exception {
        Path checkpoint = tmp.resolve("mscnn");
        EncoderFixture.write(checkpoint, 3);
        float[][] windows = EncoderFixture.windows(N, 5);
        Path saved = tmp.resolve("pipeline");

        Map<Integer, List<Object>> before;
        SparkSession first = SparkSessions.local("pipeline-save", 2, 2);
        try {
            Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
                new EcgFeatureTransformer()
                        .setCheckpoint(checkpoint.toString())
                        .setOutputCol("vec")
                        .setProbabilityCol("encoder_prob")
                        .setBatchSize(4),
                new SegmentPredictor()
                        .setCheckpoint(checkpoint.toString())
                        .setThreshold(0.4)
                        .setBatchSize(6)
            });
            Dataset<Row> input = frame(first, windows);
            PipelineModel model = pipeline.fit(input);
            before = outputs(model.transform(input));
            model.write().overwrite().save(saved.toString());
        } finally {
            first.stop();
        }

        SparkSession second = SparkSessions.local("pipeline-load", 2, 2);
        try {
            PipelineModel loaded = PipelineModel.load(saved.toString());
            EcgFeatureTransformer features = assertInstanceOf(EcgFeatureTransformer.class, loaded.stages()[0]);
            SegmentPredictor predictor = assertInstanceOf(SegmentPredictor.class, loaded.stages()[1]);
            assertEquals("vec", features.getOrDefault(features.outputCol()));
            assertEquals(4, (Integer) features.getOrDefault(features.batchSize()));
            assertEquals(0.4, (Double) predictor.getOrDefault(predictor.threshold()));
            Map<Integer, List<Object>> after = outputs(loaded.transform(frame(second, windows)));
            assertEquals(before, after);
        } finally {
            second.stop();
        }
        for (List<Object> row : before.values()) {
            assertEquals((double) row.get(1), (double) row.get(2), 1e-6, "predictor prob = encoder's own probability");
            assertEquals((double) row.get(2) >= 0.4 ? 1 : 0, row.get(3));
        }
    }

    private static Dataset<Row> frame(SparkSession spark, float[][] windows) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < windows.length; i++) {
            rows.add(RowFactory.create(i, windows[i]));
        }
        return spark.createDataFrame(rows, SCHEMA).repartition(3);
    }

    /** id -> [features, encoder_prob, prob, pred]. */
    private static Map<Integer, List<Object>> outputs(Dataset<Row> out) {
        Map<Integer, List<Object>> byId = new HashMap<>();
        for (Row r : out.select("id", "vec", "encoder_prob", "prob", "pred").collectAsList()) {
            byId.put(r.getInt(0), List.of(r.getList(1), r.getDouble(2), r.getDouble(3), r.getInt(4)));
        }
        assertEquals(N, byId.size());
        return byId;
    }
}
