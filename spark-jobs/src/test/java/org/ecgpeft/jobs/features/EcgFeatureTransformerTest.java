package org.ecgpeft.jobs.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ecgpeft.jobs.ml.ExecutorModelCache;
import org.ecgpeft.jobs.ml.ModelTransformer;
import org.ecgpeft.lake.SparkSessions;
import org.ecgpeft.lake.runs.SessionOnlyFileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcgFeatureTransformerTest {
    private static final int N = 37;
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.IntegerType, false)
            .add("signal", DataTypes.createArrayType(DataTypes.FloatType, true), false);

    private static SparkSession spark;
    private static Path checkpoint;
    private static float[][] windows;
    private static float[][] expected;
    private static double[] expectedProb;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void setUp() throws Exception {
        spark = SparkSessions.local("feature-transformer-test", 2, 2);
        checkpoint = tmp.resolve("mscnn");
        EncoderFixture.write(checkpoint, 7);
        windows = EncoderFixture.windows(N, 11);
        expectedProb = new double[N];
        expected = EncoderFixture.direct(checkpoint, windows, expectedProb);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Dataset<Row> frame(float[][] w, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < w.length; i++) {
            rows.add(RowFactory.create(i, w[i]));
        }
        return spark.createDataFrame(rows, SCHEMA).repartition(partitions);
    }

    private static EcgFeatureTransformer transformer(Path dir) {
        // A batch size that does not divide the partitions' sizes, so partial batches are exercised.
        return new EcgFeatureTransformer().setCheckpoint(dir.toString()).setBatchSize(5);
    }

    private static void assertMatchesDirect(List<Row> rows, String featureCol, String probCol) {
        assertEquals(N, rows.size());
        for (Row r : rows) {
            int id = r.getInt(r.fieldIndex("id"));
            List<Float> f = r.getList(r.fieldIndex(featureCol));
            assertEquals(EncoderFixture.CONFIG.featureDim(), f.size());
            for (int j = 0; j < f.size(); j++) {
                assertEquals(expected[id][j], f.get(j), 1e-5, "window " + id + " feature " + j);
            }
            if (probCol != null) {
                assertEquals(
                        expectedProb[id], r.getDouble(r.fieldIndex(probCol)), 1e-5, "window " + id + " AF probability");
            }
        }
    }

    @Test
    void stableBatchesHoldTheSameRowsInTheSameOrderWhateverTheInputOrder() {
        List<Row> rows = new ArrayList<>();
        for (int record = 0; record < 9; record++) {
            for (int segment = 0; segment < 5; segment++) {
                rows.add(RowFactory.create("r" + record, segment));
            }
        }
        StructType schema = new StructType()
                .add("record_id", DataTypes.StringType, false)
                .add("segment_idx", DataTypes.IntegerType, false);
        List<Row> reversed = new ArrayList<>(rows);
        Collections.reverse(reversed);
        List<List<Row>> a = partitions(spark.createDataFrame(rows, schema).repartition(3));
        List<List<Row>> b = partitions(spark.createDataFrame(reversed, schema).repartition(5));
        assertEquals(a, b);
        for (List<Row> partition : a) {
            for (int k = 1; k < partition.size(); k++) {
                Row prev = partition.get(k - 1);
                Row row = partition.get(k);
                assertTrue(
                        prev.getString(0).compareTo(row.getString(0)) < 0
                                || (prev.getString(0).equals(row.getString(0)) && prev.getInt(1) < row.getInt(1)),
                        "sorted by record, then segment: " + partition);
            }
        }
        // Every record's windows share one partition.
        for (int record = 0; record < 9; record++) {
            String id = "r" + record;
            assertEquals(
                    1,
                    a.stream()
                            .filter(p -> p.stream().anyMatch(r -> r.getString(0).equals(id)))
                            .count(),
                    id);
        }
    }

    private static List<List<Row>> partitions(Dataset<Row> rows) {
        return ModelTransformer.inStableBatches(rows, 4, "record_id", "segment_idx")
                .javaRDD()
                .glom()
                .collect();
    }

    @Test
    void featuresEqualDirectInference() {
        Dataset<Row> out = transformer(checkpoint).setProbabilityCol("af_prob").transform(frame(windows, 3));
        assertEquals(List.of("id", "signal", "features", "af_prob"), List.of(out.columns()));
        assertMatchesDirect(out.collectAsList(), "features", "af_prob");
    }

    @Test
    void executorsReadARemoteCheckpointWithTheSessionsHadoopConfiguration() throws Exception {
        // A scheme only the session's Hadoop configuration knows: the executors must get that configuration.
        SessionOnlyFileSystem.register(spark);
        Path remote = tmp.resolve("remote-mscnn");
        EncoderFixture.write(remote, 7);
        Dataset<Row> out = new EcgFeatureTransformer()
                .setCheckpoint(SessionOnlyFileSystem.uri(remote))
                .setBatchSize(5)
                .setProbabilityCol("af_prob")
                .transform(frame(windows, 2));
        assertMatchesDirect(out.collectAsList(), "features", "af_prob");
    }

    @Test
    void loadsTheModelOncePerJvm() throws Exception {
        Path own = tmp.resolve("mscnn-once");
        EncoderFixture.write(own, 7);
        int before = ExecutorModelCache.loads();
        EcgFeatureTransformer t = transformer(own);
        Dataset<Row> input = frame(windows, 4);
        assertEquals(N, t.transform(input).count());
        assertEquals(N, t.transform(input).count());
        assertEquals(before + 1, ExecutorModelCache.loads(), "4 partitions x 2 passes, one load");
    }

    @Test
    void batchesLeaveNoArraysOnTheModelManager() {
        FrozenEncoder encoder =
                FrozenEncoder.of(checkpoint.toString(), spark.sparkContext().hadoopConfiguration());
        float[] flat = new float[3 * windows[0].length];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(windows[i], 0, flat, i * windows[0].length, windows[0].length);
        }
        int before = encoder.managedArrays();
        FrozenEncoder.Encoded encoded = encoder.encode(flat, 3, true);
        assertEquals(before, encoder.managedArrays());
        assertEquals(expected[2][5], encoded.features()[2][5], 1e-5);
        assertEquals(expectedProb[1], encoded.afProbabilities()[1], 1e-5);
    }

    @Test
    void composesInAPipeline() {
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            transformer(checkpoint).setOutputCol("vec"),
            new SQLTransformer().setStatement("SELECT id, vec, size(vec) AS dim FROM __THIS__")
        });
        PipelineModel model = pipeline.fit(frame(windows, 2));
        List<Row> rows = model.transform(frame(windows, 2)).collectAsList();
        assertMatchesDirect(rows, "vec", null);
        rows.forEach(r -> assertEquals(EncoderFixture.CONFIG.featureDim(), r.getInt(2)));
    }

    @Test
    void schemaAndWindowErrorsAreNamed() {
        IllegalArgumentException missing = assertThrows(
                IllegalArgumentException.class,
                () -> transformer(checkpoint).setInputCol("ecg").transformSchema(SCHEMA));
        assertTrue(missing.getMessage().contains("input column 'ecg' is missing"), missing.getMessage());
        IllegalArgumentException noCheckpoint =
                assertThrows(IllegalArgumentException.class, () -> new EcgFeatureTransformer().transformSchema(SCHEMA));
        assertTrue(noCheckpoint.getMessage().contains("'checkpoint'"), noCheckpoint.getMessage());
        Exception shortWindows = assertThrows(
                Exception.class,
                () -> transformer(checkpoint)
                        .transform(frame(new float[][] {new float[600]}, 1))
                        .collectAsList());
        assertTrue(
                rootMessage(shortWindows).contains("has 600 samples in row 0 of partition 0")
                        && rootMessage(shortWindows).contains("--window 2400"),
                rootMessage(shortWindows));
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage();
    }
}
