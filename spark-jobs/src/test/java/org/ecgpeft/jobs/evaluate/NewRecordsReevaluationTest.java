package org.ecgpeft.jobs.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.jobs.mscnn.TrainMsCnnConfig;
import org.ecgpeft.jobs.mscnn.TrainMsCnnJob;
import org.ecgpeft.jobs.mscnn.TrainMsCnnResult;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.SparkSessions;
import org.ecgpeft.lake.Table;
import org.ecgpeft.lake.runs.RunRegistry;
import org.ecgpeft.model.mscnn.MsCnnConfig;
import org.ecgpeft.train.mscnn.MsCnnTrainingConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records keep arriving: half a record set is ingested and preprocessed (stable split), an MS-CNN trains for one
 * epoch, the other half arrives and is preprocessed, and {@code reevaluate} scores the run on the new records
 * version. No old record moves split, every N/A record is scored, the new-since-training group is exactly the
 * second half, a second reevaluate commits nothing, and {@code --data training} reproduces the training figures.
 */
class NewRecordsReevaluationTest {
    private static final int HALF = 30;
    private static final MsCnnConfig TINY = new MsCnnConfig(2400, 3, 5, List.of(8, 16), List.of(1, 1), 16, 0.3f, 2);
    private static SparkSession spark;
    private static Lake lake;
    private static String firstVersion;
    private static String secondVersion;
    private static TrainMsCnnResult encoder;
    private static BatchOutcome reevaluated;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void arriveTrainArriveReevaluate() throws Exception {
        spark = SparkSessions.local("new-records-test", 2, 2);
        lake = new Lake(spark, tmp.resolve("lake").toString());
        // Each record is 4 x 600 = 2,400 samples: one MS-CNN window.
        EvalFixtures.addRecords(spark, lake, 0, HALF, 4);
        firstVersion = EvalFixtures.preprocessWindows(spark, lake, 2400);
        encoder = new TrainMsCnnJob()
                .train(
                        spark,
                        new TrainMsCnnConfig(
                                lake.root(),
                                Optional.of(firstVersion),
                                "test",
                                MsCnnTrainingConfig.defaults(
                                        TINY, 1, 16, 1e-3, MsCnnTrainingConfig.Balance.OVERSAMPLE, 1)));
        EvalFixtures.addRecords(spark, lake, HALF, HALF, 4);
        secondVersion = EvalFixtures.preprocessWindows(spark, lake, 2400);
        reevaluated = EvalFixtures.reevaluate(spark, lake);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Map<String, String> splits(String dataVersion) {
        Map<String, String> out = new HashMap<>();
        for (Row r : lake.read(Table.ECG_SEGMENTS)
                .filter(col("data_version").equalTo(dataVersion))
                .select("record_id", "split")
                .distinct()
                .collectAsList()) {
            out.put(r.getString(0), r.getString(1));
        }
        return out;
    }

    private static double metric(String dataVersion, String split, String level, String metric) {
        return lake.read(Table.ECG_METRICS)
                .filter(col("run_id")
                        .equalTo(encoder.runId())
                        .and(col("data_version").equalTo(dataVersion))
                        .and(col("split").equalTo(split))
                        .and(col("level").equalTo(level))
                        .and(col("metric").equalTo(metric)))
                .select("value")
                .head()
                .getDouble(0);
    }

    @Test
    void noRecordOfTheFirstHalfChangesSplit() {
        assertEquals("records@v2/w2400s2400-zero/split-stable60-20-20@2017/per-segment", secondVersion);
        Map<String, String> before = splits(firstVersion);
        Map<String, String> after = splits(secondVersion);
        assertEquals(HALF, before.size());
        assertEquals(2 * HALF, after.size());
        before.forEach((id, split) -> assertEquals(split, after.get(id), id));
    }

    @Test
    void everyRecordOfTheCurrentVersionIsScoredAndTheNewGroupIsTheSecondHalf() {
        assertEquals(Map.of(), reevaluated.failures());
        assertEquals(
                List.of(encoder.runId()),
                reevaluated.finished().stream().map(EvaluationResult::runId).toList());
        // The run's recipe on records@v2 is what preprocess made of records@v2.
        assertEquals(secondVersion, reevaluated.finished().get(0).dataVersion());
        List<String> scored = lake.read(Table.ECG_PREDICTIONS)
                .filter(col("run_id")
                        .equalTo(encoder.runId())
                        .and(col("data_version").equalTo(secondVersion)))
                .select("record_id")
                .distinct()
                .orderBy("record_id")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();
        assertEquals(List.copyOf(new java.util.TreeSet<>(splits(secondVersion).keySet())), scored);
        assertEquals(HALF, metric(secondVersion, RunRegistry.NEW_SINCE_TRAINING, "record", "n"));
        assertEquals(HALF, metric(secondVersion, RunRegistry.NEW_SINCE_TRAINING, "segment", "n"));
        double all = 0;
        for (String split : List.of("train", "val", "test")) {
            all += metric(secondVersion, split, "record", "n");
        }
        assertEquals(2 * HALF, all);
    }

    @Test
    void aSecondReevaluateCommitsNothingAndTrainingDataReproducesTheTrainingFigures() {
        long metrics = lake.version(Table.ECG_METRICS);
        long predictions = lake.version(Table.ECG_PREDICTIONS);
        BatchOutcome again = EvalFixtures.reevaluate(spark, lake);
        assertEquals(List.of(), again.finished());
        assertEquals(Map.of(), again.failures());
        assertEquals(metrics, lake.version(Table.ECG_METRICS));
        assertEquals(predictions, lake.version(Table.ECG_PREDICTIONS));

        // train-mscnn scored the test windows at training; --data training scores the same records again.
        double trainedF1 = metric(firstVersion, "test", "record", "accuracy");
        double trainedN = metric(firstVersion, "test", "segment", "n");
        BatchOutcome training = new EvaluateJob()
                .evaluate(
                        spark,
                        new EvaluateConfig(
                                lake.root(),
                                List.of(encoder.runId()),
                                EvalFixtures.reevaluationSettings(),
                                EvaluationData.TRAINING));
        assertEquals(Map.of(), training.failures());
        assertEquals(firstVersion, training.finished().get(0).dataVersion());
        assertEquals(trainedF1, metric(firstVersion, "test", "record", "accuracy"), 1e-6);
        assertEquals(trainedN, metric(firstVersion, "test", "segment", "n"));
        assertTrue(
                lake.read(Table.ECG_METRICS)
                        .filter(col("data_version")
                                .equalTo(firstVersion)
                                .and(col("split").equalTo(RunRegistry.NEW_SINCE_TRAINING)))
                        .isEmpty(),
                "nothing is new on the training records");
    }
}
