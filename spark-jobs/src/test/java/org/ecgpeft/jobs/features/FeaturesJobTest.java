package org.ecgpeft.jobs.features;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.jobs.mscnn.SplitRecords;
import org.ecgpeft.jobs.mscnn.SyntheticMsCnnRun;
import org.ecgpeft.jobs.mscnn.TrainMsCnnResult;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.SparkSessions;
import org.ecgpeft.lake.Table;
import org.ecgpeft.lake.runs.CheckpointStore;
import org.ecgpeft.train.mscnn.AfRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-mscnn then features over real Delta tables of synthetic records (2,400-sample windows). */
class FeaturesJobTest {
    private static final int RECORDS = 60;

    private static SparkSession spark;
    private static Lake lake;
    private static String dataVersion;
    private static TrainMsCnnResult encoder;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void trainEncoder() throws Exception {
        spark = SparkSessions.local("features-job-test", 2, 2);
        String root = tmp.resolve("lake").toString();
        lake = new Lake(spark, root);
        encoder = SyntheticMsCnnRun.train(spark, root, RECORDS, EncoderFixture.CONFIG, 2);
        dataVersion = encoder.dataVersion();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static String key(Row r) {
        return r.getString(r.fieldIndex("record_id")) + "/" + r.getInt(r.fieldIndex("segment_idx"));
    }

    @Test
    void trainEncoderRegistersRunCurvesAndMetrics() throws Exception {
        assertEquals(dataVersion, encoder.dataVersion());
        Path checkpoint = CheckpointStore.localCopy(
                encoder.checkpoint(), spark.sparkContext().hadoopConfiguration());
        assertTrue(Files.isRegularFile(checkpoint.resolve("model.safetensors")), checkpoint.toString());
        List<Row> models = lake.read(Table.ECG_MODELS).collectAsList();
        assertEquals(1, models.size());
        Row m = models.get(0);
        assertEquals(
                List.of(encoder.runId(), "mscnn", "none", encoder.checkpoint(), dataVersion),
                List.of(
                        m.getAs("run_id"),
                        m.getAs("family"),
                        m.getAs("peft"),
                        m.getAs("checkpoint_uri"),
                        m.getAs("data_version")));
        assertTrue((long) m.getAs("trainable_params") > 0);
        assertEquals(
                encoder.training().curves().size(),
                lake.read(Table.ECG_TRAINING_CURVES)
                        .filter(col("run_id").equalTo(encoder.runId()))
                        .count());
        for (String split : List.of("val", "test")) {
            long windows = lake.read(Table.ECG_SEGMENTS)
                    .filter(col("data_version")
                            .equalTo(dataVersion)
                            .and(col("split").equalTo(split)))
                    .count();
            for (String level : List.of("segment", "record")) {
                Map<String, Double> metrics = new HashMap<>();
                lake.read(Table.ECG_METRICS)
                        .filter(col("run_id")
                                .equalTo(encoder.runId())
                                .and(col("split").equalTo(split))
                                .and(col("level").equalTo(level)))
                        .collectAsList()
                        .forEach(r -> metrics.put(r.getAs("metric"), r.getAs("value")));
                double expectedN = level.equals("segment") ? windows : windows / 2.0;
                assertEquals(expectedN, metrics.get("n"), split + " " + level + " n");
                assertTrue(metrics.containsKey("f1") && metrics.containsKey("auroc"), metrics.toString());
            }
        }
    }

    @Test
    void trainEncoderCropsTheWholeRecordsBehindTheTrainSegments() {
        Dataset<Row> segments =
                lake.read(Table.ECG_SEGMENTS).filter(col("data_version").equalTo(dataVersion));
        Map<String, Integer> trainLabels = new HashMap<>();
        segments.filter(col("split").equalTo("train"))
                .select("record_id", "label")
                .distinct()
                .collectAsList()
                .forEach(r -> trainLabels.put(r.getString(0), r.getInt(1)));
        Map<String, float[]> raw = new HashMap<>();
        lake.read(Table.ECG_RECORDS)
                .select("record_id", "signal")
                .collectAsList()
                .forEach(r -> raw.put(r.getString(0), Floats.of(r, 1)));

        List<AfRecord> train = SplitRecords.collect(lake, segments, dataVersion, "train", 300);
        assertEquals(trainLabels.size(), train.size());
        for (AfRecord r : train) {
            assertEquals(trainLabels.get(r.recordId()), r.label(), r.recordId());
            assertArrayEquals(raw.get(r.recordId()), r.signal(), r.recordId());
            assertEquals(16 * 300, r.signal().length, "whole 16 s record, not a window: " + r.recordId());
        }
        IllegalStateException wrongRate = assertThrows(
                IllegalStateException.class, () -> SplitRecords.collect(lake, segments, dataVersion, "train", 250));
        assertTrue(
                wrongRate.getMessage().contains("300.0 Hz")
                        && wrongRate.getMessage().contains("250.0 Hz"),
                wrongRate.getMessage());
    }

    @Test
    void featuresJobWritesOneRowPerWindowEqualToDirectInferenceAndIsIdempotent() throws Exception {
        FeaturesConfig config = new FeaturesConfig(lake.root(), Optional.empty(), Optional.empty(), 7, 3);
        FeaturesResult first = new FeaturesJob().extract(spark, config);
        List<Row> segments = lake.read(Table.ECG_SEGMENTS)
                .filter(col("data_version").equalTo(dataVersion))
                .orderBy("record_id", "segment_idx")
                .collectAsList();
        assertEquals(segments.size(), first.windows());
        assertEquals(segments.size(), first.changed());
        Map<String, Row> features = new HashMap<>();
        for (Row r : lake.read(Table.ECG_FEATURES).collectAsList()) {
            features.put(key(r), r);
        }
        assertEquals(segments.size(), features.size());
        float[][] windows = new float[5][];
        Row[] featureRows = new Row[5];
        for (int i = 0; i < segments.size(); i++) {
            Row s = segments.get(i);
            Row f = features.get(key(s));
            assertEquals(
                    List.<Object>of(s.getAs("split"), s.getAs("label"), encoder.runId(), dataVersion),
                    List.<Object>of(f.getAs("split"), f.getAs("label"), f.getAs("encoder"), f.getAs("data_version")));
            if (i < windows.length) {
                windows[i] = Floats.of(s, s.fieldIndex("signal"));
                featureRows[i] = f;
            }
        }
        double[] prob = new double[windows.length];
        float[][] direct = EncoderFixture.direct(
                CheckpointStore.localCopy(
                        encoder.checkpoint(), spark.sparkContext().hadoopConfiguration()),
                windows,
                prob);
        Map<String, Double> predicted = new HashMap<>();
        lake.read(Table.ECG_PREDICTIONS)
                .filter(col("run_id").equalTo(encoder.runId()))
                .collectAsList()
                .forEach(r -> predicted.put(key(r), r.getAs("prob")));
        assertEquals(segments.size(), predicted.size(), "the encoder's own prediction for every window");
        for (int i = 0; i < windows.length; i++) {
            List<Float> f = featureRows[i].getList(featureRows[i].fieldIndex("features"));
            assertEquals(EncoderFixture.CONFIG.featureDim(), f.size());
            for (int j = 0; j < f.size(); j++) {
                assertEquals(direct[i][j], f.get(j), 1e-5, "window " + i + " feature " + j);
            }
            String key = key(featureRows[i]);
            assertEquals(prob[i], predicted.get(key), 1e-5, key);
        }

        long version = lake.version(Table.ECG_FEATURES);
        FeaturesResult again = new FeaturesJob().extract(spark, config);
        assertEquals(0, again.changed(), "a re-run over the same data changes nothing");
        assertEquals(version, lake.version(Table.ECG_FEATURES), "and commits nothing");
        assertEquals(segments.size(), lake.read(Table.ECG_FEATURES).count());
    }
}
