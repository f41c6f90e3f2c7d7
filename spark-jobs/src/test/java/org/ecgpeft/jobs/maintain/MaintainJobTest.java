package org.ecgpeft.jobs.maintain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.ecgpeft.jobs.preprocess.NormMode;
import org.ecgpeft.jobs.preprocess.PreprocessConfig;
import org.ecgpeft.jobs.preprocess.PreprocessJob;
import org.ecgpeft.jobs.preprocess.SegmentWriter;
import org.ecgpeft.jobs.preprocess.SplitPlan;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.SparkSessions;
import org.ecgpeft.lake.Table;
import org.ecgpeft.lake.runs.RunRegistry;
import org.ecgpeft.signal.PadPolicy;
import org.ecgpeft.signal.WindowSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OPTIMIZE and VACUUM on a real lake: files compacted and deleted, rows and lineage kept. */
class MaintainJobTest {
    private static final String SEGMENTS_OF_V1 = "records@v1/w4s4-pad-zero/per-segment/stable-seed7";
    private static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSessions.local("maintain-test", 2, 2);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void compactsAndVacuumsButKeepsTheRecordsVersionsTheLineageNames() throws IOException {
        Path root = tmp.resolve("lake");
        Lake lake = new Lake(spark, root.toString());
        for (int i = 0; i < 6; i++) {
            lake.append(Table.ECG_METRICS, metric("run-" + i, 0.5 + i / 100.0));
        }
        lake.append(Table.ECG_RECORDS, records(1f)); // records v1
        lake.replaceWhere(Table.ECG_RECORDS, records(2f), "record_id IN ('r1', 'r2')"); // v2 removes v1's file
        lake.append(Table.ECG_SEGMENTS, segment(SEGMENTS_OF_V1));
        long metricsVersion = lake.version(Table.ECG_METRICS);

        MaintainConfig plan =
                new MaintainConfig(root.toString(), List.of(Table.ECG_METRICS), true, true, 0, true, true);
        List<MaintenanceResult> planned = new MaintainJob().maintain(spark, plan);
        assertEquals(metricsVersion, lake.version(Table.ECG_METRICS), "a plan changes nothing");
        assertEquals(6, result(planned, "ecg_metrics").before().files());
        assertEquals(6, result(planned, "ecg_metrics").after().files());
        assertEquals(0, result(planned, "ecg_metrics").vacuumed(), "appends remove no file, so none is unreferenced");

        MaintainConfig config = new MaintainConfig(
                root.toString(), List.of(Table.ECG_RECORDS, Table.ECG_METRICS), true, true, 0, true, false);
        List<MaintenanceResult> results = new MaintainJob().maintain(spark, config);
        MaintenanceResult metrics = result(results, "ecg_metrics");
        assertEquals(1, metrics.after().files(), "six appends compacted into one file");
        assertEquals(6, metrics.vacuumed(), "the six small files are gone once compacted and vacuumed");
        assertEquals(1, parquetFiles(root.resolve("ecg_metrics")));
        assertEquals(6, lake.read(Table.ECG_METRICS).count());

        MaintenanceResult records = result(results, "ecg_records");
        assertTrue(records.retainHours() > 0, "the lineage lengthened the asked-for retention of 0 h");
        assertEquals(0, records.vacuumed());
        assertEquals(
                1.0f,
                Floats.of(
                        lake.readVersion(Table.ECG_RECORDS, 1)
                                .filter("record_id = 'r1'")
                                .head(),
                        5)[0],
                "records@v1, named by the segments, is still readable");
        assertEquals(Map.of(), lake.applyProperties(Table.ECG_RECORDS), "the long log retention was set");
    }

    @Test
    void recordsFilesNoDataVersionNeedsAreVacuumed() throws IOException {
        Path root = tmp.resolve("unreferenced");
        Lake lake = new Lake(spark, root.toString());
        lake.append(Table.ECG_RECORDS, records(1f));
        lake.replaceWhere(Table.ECG_RECORDS, records(2f), "record_id IN ('r1', 'r2')");
        MaintainConfig config =
                new MaintainConfig(root.toString(), List.of(Table.ECG_RECORDS), false, true, 0, true, false);
        long written = parquetFiles(root.resolve("ecg_records"));
        MaintenanceResult records = new MaintainJob().maintain(spark, config).get(0);
        assertEquals(0.0, records.retainHours());
        assertEquals(records.after().files(), parquetFiles(root.resolve("ecg_records")), "only current files remain");
        assertEquals(written - records.after().files(), records.vacuumed());
        assertTrue(records.vacuumed() >= 1, "the replaced file was unreferenced");
        assertEquals(
                2.0f,
                Floats.of(
                        lake.read(Table.ECG_RECORDS).filter("record_id = 'r1'").head(), 5)[0]);
    }

    @Test
    void newTablesArePartitionedAndAnOlderUnpartitionedOneIsRewrittenKeepingItsRows() {
        Path root = tmp.resolve("layout");
        Lake lake = new Lake(spark, root.toString());
        lake.createIfAbsent(Table.ECG_SEGMENTS);
        assertEquals(List.of("data_version", "split"), lake.storedPartitionColumns(Table.ECG_SEGMENTS));
        // ecg_predictions as a version before partitioning wrote it.
        DeltaTable.createIfNotExists(spark)
                .location(lake.path(Table.ECG_PREDICTIONS))
                .addColumns(Table.ECG_PREDICTIONS.schema())
                .execute();
        List<Row> rows = List.of(
                RowFactory.create("run-a", "r1", 0, "test", 0.9, 1, 1, "v"),
                RowFactory.create("run-b", "r1", 0, "test", 0.2, 0, 1, "v"));
        lake.append(Table.ECG_PREDICTIONS, spark.createDataFrame(rows, Table.ECG_PREDICTIONS.schema()));
        assertEquals(List.of(), lake.storedPartitionColumns(Table.ECG_PREDICTIONS));

        MaintainConfig plan =
                new MaintainConfig(root.toString(), List.of(Table.ECG_PREDICTIONS), true, false, 168, false, true);
        assertTrue(new MaintainJob().maintain(spark, plan).get(0).repartitioned(), "the plan names the rewrite");
        assertEquals(List.of(), lake.storedPartitionColumns(Table.ECG_PREDICTIONS), "a plan changes nothing");

        MaintainConfig config =
                new MaintainConfig(root.toString(), List.of(Table.ECG_PREDICTIONS), true, false, 168, false, false);
        assertTrue(new MaintainJob().maintain(spark, config).get(0).repartitioned());
        assertEquals(List.of("run_id"), lake.storedPartitionColumns(Table.ECG_PREDICTIONS));
        assertEquals(
                Set.copyOf(rows), Set.copyOf(lake.read(Table.ECG_PREDICTIONS).collectAsList()));
        assertEquals(false, new MaintainJob().maintain(spark, config).get(0).repartitioned(), "once only");
    }

    @Test
    void aLakeOfFloatArraysIsReadThroughTheCodecAndMigratedBitForBitOnceWithItsOldVersionsStillReadable() {
        Path root = tmp.resolve("float-arrays");
        Lake lake = new Lake(spark, root.toString());
        // ecg_records as a version before the binary signal layout wrote it: signals as array<float>.
        StructType oldSchema = new StructType(Arrays.stream(
                        Table.ECG_RECORDS.schema().fields())
                .map(f ->
                        f.name().equals("signal") ? new StructField("signal", Floats.OLD_TYPE, false, f.metadata()) : f)
                .toArray(StructField[]::new));
        DeltaTable.create(spark)
                .location(lake.path(Table.ECG_RECORDS))
                .addColumns(oldSchema)
                .execute();
        Map<String, float[]> signals = new TreeMap<>();
        SplittableRandom rnd = new SplittableRandom(3);
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            float[] x = new float[12];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rnd.nextGaussian();
            }
            x[0] = r == 0 ? -0f : r == 1 ? Float.MIN_VALUE : x[0];
            String id = "r" + r;
            signals.put(id, x);
            rows.add(RowFactory.create(id, "test", 300.0, r % 3 == 0 ? "A" : "N", 12, x, "h" + r, new Timestamp(0)));
        }
        spark.createDataFrame(rows, oldSchema)
                .write()
                .format("delta")
                .mode("append")
                .save(lake.path(Table.ECG_RECORDS));
        long oldVersion = lake.version(Table.ECG_RECORDS);
        // A job writing to the table before it is migrated writes in its layout.
        float[] late = {4f, 5f, 6f, 7f};
        signals.put("r9", late);
        lake.append(
                Table.ECG_RECORDS,
                spark.createDataFrame(
                        List.of(RowFactory.create(
                                "r9", "test", 300.0, "N", 4, Floats.encode(late), "h9", new Timestamp(0))),
                        Table.ECG_RECORDS.schema()));
        assertEquals(
                Floats.OLD_TYPE,
                lake.read(Table.ECG_RECORDS).schema().apply("signal").dataType());
        assertBitsEqual(signals, samples(lake.read(Table.ECG_RECORDS)));
        // Preprocess reads the old layout through the codec and writes its windows in the new one.
        PreprocessConfig recipe = new PreprocessConfig(
                root.toString(),
                new WindowSpec(4, 4, PadPolicy.DROP),
                NormMode.PER_SEGMENT,
                SplitPlan.parse("quota:34/33/33", 42));
        String dataVersion = new PreprocessJob().preprocess(spark, recipe).dataVersion();
        Dataset<Row> segments = lake.read(Table.ECG_SEGMENTS);
        assertEquals(Floats.TYPE, segments.schema().apply("signal").dataType());
        assertEquals(3 * 8 + 1, segments.count(), "three windows of 4 per 12-sample record, one of the 4-sample one");
        Map<String, float[]> windows = windows(segments);
        long before = lake.version(Table.ECG_RECORDS);

        MaintainConfig plan =
                new MaintainConfig(root.toString(), List.of(Table.ECG_RECORDS), true, false, 168, false, true);
        assertEquals(
                new Lake.LayoutChange(false, true),
                new MaintainJob().maintain(spark, plan).get(0).relaid(),
                "the plan names the rewrite of the signals");
        assertEquals(before, lake.version(Table.ECG_RECORDS), "a plan changes nothing");

        MaintainConfig config =
                new MaintainConfig(root.toString(), List.of(Table.ECG_RECORDS), true, false, 168, false, false);
        assertEquals(
                new Lake.LayoutChange(false, true),
                new MaintainJob().maintain(spark, config).get(0).relaid());
        Dataset<Row> migrated = lake.read(Table.ECG_RECORDS);
        assertEquals(Floats.TYPE, migrated.schema().apply("signal").dataType());
        assertBitsEqual(signals, samples(migrated));
        assertEquals(
                Floats.LAYOUT,
                DeltaTable.forPath(spark, lake.path(Table.ECG_RECORDS))
                        .detail()
                        .select("properties")
                        .head()
                        .getJavaMap(0)
                        .get(Floats.LAYOUT_PROPERTY));
        long after = lake.version(Table.ECG_RECORDS);
        assertEquals(
                new Lake.LayoutChange(false, false),
                new MaintainJob().maintain(spark, config).get(0).relaid(),
                "once only");
        assertEquals(after, lake.version(Table.ECG_RECORDS), "a second maintain commits nothing");

        // The data version names records@v<before>: time travel to it reads the old layout through the codec, and
        // windows cut from it again (as evaluate does) are the ones preprocess wrote.
        assertEquals(RunRegistry.recordsVersion(dataVersion), before);
        Dataset<Row> atTraining = lake.readVersion(Table.ECG_RECORDS, before);
        assertEquals(Floats.OLD_TYPE, atTraining.schema().apply("signal").dataType());
        assertBitsEqual(signals, samples(atTraining));
        Map<String, float[]> oldRecords = new TreeMap<>(signals);
        oldRecords.remove("r9");
        assertBitsEqual(oldRecords, samples(lake.readVersion(Table.ECG_RECORDS, oldVersion)));
        Dataset<Row> recut = SegmentWriter.segments(
                atTraining.withColumn("split", functions.lit("test")), recipe, 0, 0, dataVersion);
        assertBitsEqual(windows, windows(recut));
    }

    private static Map<String, float[]> samples(Dataset<Row> records) {
        Map<String, float[]> out = new TreeMap<>();
        for (Row r : records.select("record_id", "signal").collectAsList()) {
            out.put(r.getString(0), Floats.of(r, 1));
        }
        return out;
    }

    private static Map<String, float[]> windows(Dataset<Row> segments) {
        Map<String, float[]> out = new TreeMap<>();
        for (Row r : segments.select("record_id", "segment_idx", "signal").collectAsList()) {
            out.put(r.getString(0) + "/" + r.getInt(1), Floats.of(r, 2));
        }
        return out;
    }

    private static void assertBitsEqual(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, x) -> {
            float[] y = actual.get(k);
            assertEquals(x.length, y.length, k);
            for (int i = 0; i < x.length; i++) {
                assertEquals(Float.floatToRawIntBits(x[i]), Float.floatToRawIntBits(y[i]), k + " sample " + i);
            }
        });
    }

    @Test
    void unsafeOrEmptySettingsAreRefusedNamingTheOption() {
        IllegalArgumentException shortRetention = assertThrows(
                IllegalArgumentException.class,
                () -> new MaintainConfig("lake", List.of(Table.ECG_METRICS), true, true, 24, false, false));
        assertTrue(shortRetention.getMessage().startsWith("--retain-hours 24.0 is below"), shortRetention.getMessage());
        IllegalArgumentException nothing = assertThrows(
                IllegalArgumentException.class,
                () -> new MaintainConfig("lake", List.of(Table.ECG_METRICS), false, false, 168, false, false));
        assertTrue(nothing.getMessage().contains("--no-optimize and --no-vacuum"), nothing.getMessage());
        MaintainJob job = new MaintainJob();
        IllegalArgumentException unknown = assertThrows(
                IllegalArgumentException.class,
                () -> job.configure(job.options().parse(new String[] {"--table", "ecg_metrics,ecg_metricz"})));
        assertTrue(
                unknown.getMessage().startsWith("--table: unknown table 'ecg_metricz' (tables: ecg_records,"),
                unknown.getMessage());
    }

    private static MaintenanceResult result(List<MaintenanceResult> results, String table) {
        return results.stream().filter(r -> r.table().equals(table)).findFirst().orElseThrow();
    }

    private static long parquetFiles(Path table) throws IOException {
        try (var files = Files.list(table)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .count();
        }
    }

    private static Dataset<Row> metric(String run, double value) {
        return spark.createDataFrame(
                        List.of(RowFactory.create(run, "test", "segment", "f1", value, "v", new Timestamp(0))),
                        Table.ECG_METRICS.schema())
                .coalesce(1);
    }

    private static Dataset<Row> records(float first) {
        Timestamp t = new Timestamp(0);
        List<Row> rows = List.of(
                RowFactory.create("r1", "test", 300.0, "N", 2, Floats.encode(new float[] {first, 0f}), "h1", t),
                RowFactory.create("r2", "test", 300.0, "A", 2, Floats.encode(new float[] {first, 1f}), "h2", t));
        return spark.createDataFrame(rows, Table.ECG_RECORDS.schema()).coalesce(1);
    }

    private static Dataset<Row> segment(String dataVersion) {
        return spark.createDataFrame(
                List.of(RowFactory.create(
                        "r1", 0, 0, "train", "per-segment", Floats.encode(new float[4]), dataVersion)),
                Table.ECG_SEGMENTS.schema());
    }
}
