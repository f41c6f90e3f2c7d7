package org.ecgpeft.jobs.mscnn;

import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.jobs.ingest.SyntheticIngest;
import org.ecgpeft.jobs.ingest.SyntheticSpec;
import org.ecgpeft.jobs.preprocess.NormMode;
import org.ecgpeft.jobs.preprocess.PreprocessConfig;
import org.ecgpeft.jobs.preprocess.PreprocessJob;
import org.ecgpeft.jobs.preprocess.SplitPlan;
import org.ecgpeft.model.mscnn.MsCnnConfig;
import org.ecgpeft.signal.PadPolicy;
import org.ecgpeft.signal.WindowSpec;
import org.ecgpeft.train.mscnn.MsCnnTrainingConfig;

/**
 * For the tests of the stages that take an MS-CNN run: a lake of synthetic records (16 s at 300 Hz, 40 % AF) cut
 * into 2,400-sample per-segment z-scored windows, and a run of {@code model} trained on them by {@code train-mscnn}.
 */
public final class SyntheticMsCnnRun {
    private SyntheticMsCnnRun() {}

    /** Ingests {@code records} records into {@code root}, preprocesses them and trains the run; returns it. */
    public static TrainMsCnnResult train(SparkSession spark, String root, int records, MsCnnConfig model, int epochs)
            throws Exception {
        SyntheticIngest.ingest(spark, root, new SyntheticSpec(records, 300, 16, 0.4, 3), 2);
        new PreprocessJob()
                .preprocess(
                        spark,
                        new PreprocessConfig(
                                root,
                                new WindowSpec(2400, 2400, PadPolicy.ZERO_PAD),
                                NormMode.PER_SEGMENT,
                                new SplitPlan(0.75, 0.10, 0.15, 2017)));
        return new TrainMsCnnJob()
                .train(
                        spark,
                        new TrainMsCnnConfig(
                                root,
                                Optional.empty(),
                                "test",
                                MsCnnTrainingConfig.defaults(
                                        model, epochs, 16, 1e-3, MsCnnTrainingConfig.Balance.OVERSAMPLE, 1)));
    }
}
