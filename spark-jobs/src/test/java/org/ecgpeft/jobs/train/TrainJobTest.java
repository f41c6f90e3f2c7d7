package org.ecgpeft.jobs.train;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.cli.UsageException;
import org.ecgpeft.jobs.ingest.SyntheticIngest;
import org.ecgpeft.jobs.ingest.SyntheticSpec;
import org.ecgpeft.jobs.preprocess.NormMode;
import org.ecgpeft.jobs.preprocess.PreprocessConfig;
import org.ecgpeft.jobs.preprocess.PreprocessJob;
import org.ecgpeft.jobs.preprocess.SplitPlan;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.SparkSessions;
import org.ecgpeft.lake.Table;
import org.ecgpeft.signal.PadPolicy;
import org.ecgpeft.signal.WindowSpec;
import org.ecgpeft.train.study.RunResult;
import org.ecgpeft.train.study.SegmentClassifier;
import org.ecgpeft.train.study.SegmentClassifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainJobTest {
    /** One tiny HuBERT with LoRA and with a Pfeiffer adapter, one epoch: the job's plumbing, not learning. */
    private static final String PLAN = """
      {"families": {"hubert": {"tiny": {"conv_dim": [16, 16], "conv_kernel": [10, 3], "conv_stride": [5, 2],
         "hidden_size": 16, "num_hidden_layers": 1, "num_attention_heads": 2, "intermediate_size": 32,
         "num_conv_pos_embeddings": 8, "num_conv_pos_embedding_groups": 2, "classifier_proj_size": 8,
         "sampling_rate": 300}}},
       "methods": ["lora", "pfeiffer"],
       "norm_modes": ["per-segment"],
       "trainer": {"epochs": 1, "batch_size": 16, "learning_rate": 0.01, "seed": 3, "log_every": 100},
       "search": {"learning_rate": [0.01], "batch_size": [16], "epochs": [1], "lora_r": [2], "lora_alpha": [4],
         "reduction_factor": [4]}}
      """;

    private static SparkSession spark;
    private static String root;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void segments() {
        spark = SparkSessions.local("train-test", 2, 2);
        root = tmp.resolve("lake").toString();
        SyntheticIngest.ingest(spark, root, new SyntheticSpec(160, 300, 4.0, 0.4, 9), 2);
        new PreprocessJob()
                .preprocess(
                        spark,
                        new PreprocessConfig(
                                root,
                                new WindowSpec(600, 600, PadPolicy.DROP),
                                NormMode.PER_SEGMENT,
                                new SplitPlan(0.6, 0.4, 0.0, 2017)));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static TrainConfig config(String... extra) throws IOException, UsageException {
        Path plan = tmp.resolve("plan.json");
        Files.writeString(plan, PLAN);
        String[] base = {"--tables", root, "--plan", plan.toString(), "--max-segments", "96"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        TrainJob job = new TrainJob();
        return job.configure(job.options().parse(args));
    }

    @Test
    void trainsRecordsAndReRunsWithoutDuplicates() throws Exception {
        TrainConfig config = config();
        List<RunResult> first = new TrainJob().train(spark, config);
        assertEquals(2, first.size());
        Lake lake = new Lake(spark, root);
        List<Row> models = lake.read(Table.ECG_MODELS).orderBy("run_id").collectAsList();
        assertEquals(2, models.size());
        long curves = lake.read(Table.ECG_TRAINING_CURVES).count();
        // One epoch: train loss, validation loss and seven validation metrics per run.
        assertEquals(2 * 9, curves);
        long modelsVersion = lake.version(Table.ECG_MODELS);
        long curvesVersion = lake.version(Table.ECG_TRAINING_CURVES);

        List<RunResult> second = new TrainJob().train(spark, config);
        assertEquals(
                first.stream().map(RunResult::runId).toList(),
                second.stream().map(RunResult::runId).toList());
        assertEquals(2, lake.read(Table.ECG_MODELS).count());
        assertEquals(curves, lake.read(Table.ECG_TRAINING_CURVES).count());
        assertEquals(modelsVersion, lake.version(Table.ECG_MODELS), "an identical re-run commits nothing");
        assertEquals(curvesVersion, lake.version(Table.ECG_TRAINING_CURVES), "nor to the curves");

        for (Row m : models) {
            String uri = m.getAs("checkpoint_uri");
            assertTrue(uri.startsWith(root + "/checkpoints/"), uri);
            assertEquals("hubert", m.getAs("family"));
            long trainable = m.getAs("trainable_params");
            long total = m.getAs("total_params");
            assertTrue(trainable > 0 && trainable < total, trainable + " of " + total);
            assertTrue(m.<String>getAs("data_version").endsWith("/per-segment"), m.<String>getAs("data_version"));
            assertTrue(m.<String>getAs("hyper_params").contains("learning_rate"));
            try (NDManager nd = NDManager.newBaseManager();
                    SegmentClassifier c = SegmentClassifiers.load(Path.of(uri), nd)) {
                assertEquals(m.<String>getAs("run_id"), c.manifest().runId());
                List<Row> seg = lake.read(Table.ECG_SEGMENTS)
                        .filter(col("split").equalTo("val"))
                        .select("signal")
                        .limit(3)
                        .collectAsList();
                float[][] x = new float[seg.size()][];
                for (int i = 0; i < x.length; i++) {
                    x[i] = Floats.of(seg.get(i), 0);
                }
                for (double p : c.predictProbabilities(x)) {
                    assertTrue(p >= 0 && p <= 1, "probability " + p);
                }
            }
        }
    }

    @Test
    void badOptionsNameTheOption() {
        IllegalArgumentException norm = assertThrows(IllegalArgumentException.class, () -> config("--norm", "minmax"));
        assertTrue(norm.getMessage().contains("--norm"), norm.getMessage());
        IllegalStateException version = assertThrows(
                IllegalStateException.class, () -> new TrainJob().train(spark, config("--norm", "global")));
        assertTrue(version.getMessage().contains("global"), version.getMessage());
        IllegalArgumentException plan = assertThrows(
                IllegalArgumentException.class,
                () -> new TrainJob().configure(new TrainJob().options().parse(new String[] {"--plan", "/nope.json"})));
        assertTrue(plan.getMessage().contains("--plan"), plan.getMessage());
        IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class, () -> config("--dtype", "bf16"));
        assertTrue(dtype.getMessage().contains("--dtype"), dtype.getMessage());
    }

    @Test
    void theFrozenBaseDtypeIsAnOption() throws Exception {
        assertEquals(DataType.FLOAT32, config().baseDtype());
        assertEquals(DataType.FLOAT16, config("--dtype", "fp16").baseDtype());
    }
}
