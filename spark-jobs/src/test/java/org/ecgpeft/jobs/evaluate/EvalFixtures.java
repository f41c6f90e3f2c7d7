package org.ecgpeft.jobs.evaluate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.jobs.preprocess.NormMode;
import org.ecgpeft.jobs.preprocess.PreprocessConfig;
import org.ecgpeft.jobs.preprocess.PreprocessJob;
import org.ecgpeft.jobs.preprocess.SplitPlan;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.model.mscnn.MsCnn;
import org.ecgpeft.model.mscnn.MsCnnConfig;
import org.ecgpeft.model.wav2vec2.Wav2Vec2Config;
import org.ecgpeft.signal.EcgRecord;
import org.ecgpeft.signal.PadPolicy;
import org.ecgpeft.signal.SyntheticEcgConfig;
import org.ecgpeft.signal.SyntheticEcgGenerator;
import org.ecgpeft.signal.WindowSpec;
import org.ecgpeft.signal.ZScore;
import org.ecgpeft.train.mscnn.MsCnnCheckpoint;
import org.ecgpeft.train.study.ArtifactManifest;
import org.ecgpeft.train.study.Artifacts;
import org.ecgpeft.train.study.BaseSpec;
import org.ecgpeft.train.study.Family;
import org.ecgpeft.train.study.InputSpec;
import org.ecgpeft.train.study.ModelConfigJson;
import org.ecgpeft.train.study.ModelFactory;
import org.ecgpeft.train.study.PeftClassifier;
import org.ecgpeft.train.study.PeftMethod;
import org.ecgpeft.train.study.PeftSpec;

/**
 * Small real inputs for the evaluation tests: synthetic ECG records in {@code ecg_records} and their segments made
 * by the preprocess job, tiny trained-format model artifacts (a 2-layer HuBERT with LoRA and random weights,
 * saved by the study's {@link Artifacts}; a random MS-CNN saved as {@link MsCnnCheckpoint}) and their
 * {@code ecg_models} rows.
 */
public final class EvalFixtures {
    /** Window 600, exact quotas of 34/33/33 so every split of the small record sets holds both classes. */
    public static final String RECIPE = "w600s600-zero/split-quota34-33-33@42";
    /** The data version of the first records ({@code ecg_records@v1}: v0 creates the table) with per-segment z-score. */
    public static final String DATA_VERSION = "records@v1/" + RECIPE + "/per-segment";

    static final double RATE_HZ = 300;
    static final int SEGMENT = 600;

    private EvalFixtures() {}

    /**
     * Appends {@code records} synthetic records ({@code rec<first>}, ...) of {@code perRecord} windows each to
     * {@code ecg_records} and preprocesses the new records version with the fixture's recipe; labels alternate N/A
     * every three records. Returns the per-segment data version.
     */
    public static String writeSegments(SparkSession spark, Lake lake, int first, int records, int perRecord) {
        addRecords(spark, lake, first, records, perRecord);
        return preprocess(spark, lake, NormMode.PER_SEGMENT);
    }

    /** Preprocesses the current records with the fixture's recipe and {@code norm}; returns the data version. */
    public static String preprocess(SparkSession spark, Lake lake, NormMode norm) {
        return preprocess(spark, lake, SEGMENT, norm, SplitPlan.parse("quota:34/33/33", 42));
    }

    /**
     * Preprocesses the current records into per-segment z-scored windows of {@code window} samples with the
     * stable 60/20/20 split (seed 2017), as the re-evaluation tests do; returns the data version.
     */
    public static String preprocessWindows(SparkSession spark, Lake lake, int window) {
        return preprocess(spark, lake, window, NormMode.PER_SEGMENT, SplitPlan.parse("60/20/20", 2017));
    }

    private static String preprocess(SparkSession spark, Lake lake, int window, NormMode norm, SplitPlan split) {
        return new PreprocessJob()
                .preprocess(
                        spark,
                        new PreprocessConfig(
                                lake.root(), new WindowSpec(window, window, PadPolicy.ZERO_PAD), norm, split))
                .dataVersion();
    }

    /** The re-evaluation tests' settings: 16 windows a batch, threshold 0.5, two partitions, three tries. */
    public static EvaluateSettings reevaluationSettings() {
        return new EvaluateSettings(16, 0.5, 2, new ConflictRetry(3, 10));
    }

    /** Re-evaluates every run of {@code lake} on its current records with {@link #reevaluationSettings}. */
    public static BatchOutcome reevaluate(SparkSession spark, Lake lake) {
        return new ReevaluateJob().reevaluate(spark, new ReevaluateConfig(lake.root(), false, reevaluationSettings()));
    }

    /** Appends the records of {@link #writeSegments} to {@code ecg_records} without preprocessing them. */
    public static void addRecords(SparkSession spark, Lake lake, int first, int records, int perRecord) {
        SyntheticEcgGenerator gen = new SyntheticEcgGenerator(
                new SyntheticEcgConfig(4 * (first + records) * perRecord + 16, RATE_HZ, SEGMENT / RATE_HZ, 0.5, 11));
        List<Row> rows = new ArrayList<>();
        Timestamp t = new Timestamp(0);
        for (int r = first; r < first + records; r++) {
            int label = (r / 3) % 2;
            float[] signal = new float[perRecord * SEGMENT];
            for (int s = 0; s < perRecord; s++) {
                // Windows of a record share its label: pick generator draws of the matching class.
                System.arraycopy(draw(gen, 2 * (r * perRecord + s), label), 0, signal, s * SEGMENT, SEGMENT);
            }
            rows.add(RowFactory.create(
                    "rec" + r,
                    "synthetic",
                    RATE_HZ,
                    label == 1 ? "A" : "N",
                    signal.length,
                    Floats.encode(signal),
                    "hash-rec" + r,
                    t));
        }
        lake.append(
                Table.ECG_RECORDS,
                spark.createDataFrame(rows, Table.ECG_RECORDS.schema()).coalesce(2));
    }

    private static float[] draw(SyntheticEcgGenerator gen, int index, int label) {
        for (int k = index; ; k++) {
            EcgRecord rec = gen.generate(k);
            if ((rec.label().equals("A") ? 1 : 0) == label) {
                return ZScore.perSegment(rec.signal());
            }
        }
    }

    /** Saves a tiny HuBERT + LoRA artifact for {@code runId} under {@code dir} and returns its folder URI. */
    public static String saveArtifact(Path dir, String runId, long seed) throws IOException {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.putArray("conv_dim").add(16).add(16);
        n.putArray("conv_kernel").add(10).add(3);
        n.putArray("conv_stride").add(5).add(2);
        n.put("hidden_size", 16);
        n.put("num_hidden_layers", 1);
        n.put("num_attention_heads", 2);
        n.put("intermediate_size", 32);
        n.put("num_conv_pos_embeddings", 8);
        n.put("num_conv_pos_embedding_groups", 2);
        n.put("classifier_proj_size", 8);
        n.put("layerdrop", 0.0);
        n.put("sampling_rate", (int) RATE_HZ);
        Wav2Vec2Config config =
                ModelConfigJson.fromJson(n, Family.HUBERT.preset(), "tiny").withNumLabels(2);
        InputSpec input = new InputSpec(RATE_HZ, config.samplingRate(), 1, 0, SEGMENT);
        ArtifactManifest manifest = new ArtifactManifest(
                runId,
                Family.HUBERT,
                PeftMethod.LORA,
                Map.of("learning_rate", "0.001"),
                null,
                config,
                input,
                "per-segment",
                DATA_VERSION);
        Path artifact = dir.resolve(runId);
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed((int) seed);
            PeftClassifier model = ModelFactory.build(
                    Family.HUBERT, BaseSpec.randomInit(config), new PeftSpec(PeftMethod.LORA, 2, 4, 0.0, 8, "relu"), m);
            // LoRA B starts at zero: give the trainable arrays values, as training would.
            for (Parameter p : model.model().trainableParameters().values()) {
                NDArray target = p.getArray();
                try (NDManager scratch = m.newSubManager()) {
                    target.set(scratch.randomNormal(0f, 0.5f, target.getShape(), target.getDataType())
                            .toFloatArray());
                }
            }
            Artifacts.save(artifact, manifest, model);
        }
        return artifact.toUri().toString();
    }

    /**
     * Saves a tiny MS-CNN checkpoint for {@link #SEGMENT}-sample windows under {@code dir} and returns its folder;
     * a training pass moves the BatchNorm statistics away from their initial values first.
     */
    public static Path saveMsCnn(Path dir, int seed) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(seed);
            MsCnn model = new MsCnn(new MsCnnConfig(SEGMENT, 3, 5, List.of(4, 8), List.of(1, 1), 8, 0.2f, 2));
            model.materialize(m, DataType.FLOAT32, true);
            model.forward(m.randomNormal(new Shape(4, SEGMENT)).mul(2).add(1), true);
            MsCnnCheckpoint.save(dir, model);
        }
        return dir;
    }

    /** Registers a HuBERT + LoRA run in {@code ecg_models}. */
    public static void registerRun(
            SparkSession spark, Lake lake, String runId, String checkpointUri, String dataVersion) {
        registerRun(spark, lake, runId, "hubert", "lora", checkpointUri, dataVersion);
    }

    /** Registers a run of {@code family} with {@code peft} in {@code ecg_models}. */
    public static void registerRun(
            SparkSession spark,
            Lake lake,
            String runId,
            String family,
            String peft,
            String checkpointUri,
            String dataVersion) {
        Row row = RowFactory.create(
                runId,
                family,
                peft,
                "{\"learning_rate\":\"0.001\"}",
                1000L,
                20000L,
                checkpointUri,
                1.5,
                1L << 20,
                dataVersion,
                new Timestamp(0));
        lake.upsert(
                Table.ECG_MODELS,
                spark.createDataFrame(List.of(row), Table.ECG_MODELS.schema()),
                List.of("checkpoint_uri", "data_version"));
    }
}
