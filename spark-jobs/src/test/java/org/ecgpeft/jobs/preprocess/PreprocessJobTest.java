package org.ecgpeft.jobs.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.jobs.ingest.SyntheticIngest;
import org.ecgpeft.jobs.ingest.SyntheticSpec;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.SparkSessions;
import org.ecgpeft.lake.Table;
import org.ecgpeft.signal.PadPolicy;
import org.ecgpeft.signal.WindowSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessJobTest {
    private static final int RECORDS = 1200;
    private static final int SAMPLES = 1350; // 4.5 s at 300 Hz: two full windows and a padded tail
    private static final WindowSpec WINDOW = new WindowSpec(600, 600, PadPolicy.ZERO_PAD);
    private static final SplitPlan SPLIT = new SplitPlan(0.75, 0.10, 0.15, 2017);

    private static SparkSession spark;
    private static Lake lake;
    private static Map<String, float[]> raw;
    private static Map<String, String> labels;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void ingest() {
        spark = SparkSessions.local("preprocess-test", 2, 2);
        String root = tmp.resolve("lake").toString();
        SyntheticIngest.ingest(spark, root, new SyntheticSpec(RECORDS, 300, SAMPLES / 300.0, 0.3, 5), 4);
        lake = new Lake(spark, root);
        // Other rhythms, noisy and unlabelled records (label null) must be left out of the binary task.
        List<Row> others = new ArrayList<>();
        for (String[] r : new String[][] {
            {"O1", "O"}, {"O2", "O"}, {"O3", "O"}, {"Z1", "~"}, {"Z2", "~"}, {"U1", null}, {"U2", null}
        }) {
            others.add(RowFactory.create(
                    r[0], "test", 300.0, r[1], 3, Floats.encode(new float[] {1, 2, 3}), r[0], new Timestamp(0)));
        }
        lake.append(Table.ECG_RECORDS, spark.createDataFrame(others, Table.ECG_RECORDS.schema()));
        raw = new HashMap<>();
        labels = new HashMap<>();
        for (Row r : lake.read(Table.ECG_RECORDS)
                .select("record_id", "label", "signal")
                .collectAsList()) {
            raw.put(r.getString(0), Floats.of(r, 2));
            labels.put(r.getString(0), r.getString(1));
        }
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static PreprocessResult run(NormMode norm) {
        return new PreprocessJob().preprocess(spark, new PreprocessConfig(lake.root(), WINDOW, norm, SPLIT));
    }

    private static List<Row> segments(String dataVersion) {
        return lake.read(Table.ECG_SEGMENTS)
                .filter(org.apache.spark.sql.functions.col("data_version").equalTo(dataVersion))
                .select("record_id", "segment_idx", "label", "split", "signal")
                .collectAsList();
    }

    @Test
    void splitIsByRecordStratifiedAndExcludesOtherRhythms() {
        PreprocessResult result = run(NormMode.PER_SEGMENT);
        assertEquals(Map.of("O", 3L, "~", 2L, PreprocessJob.UNLABELLED, 2L), result.excluded());
        assertTrue(
                result.dataVersion().startsWith("records@v" + lake.version(Table.ECG_RECORDS) + "/w600s600"),
                result.dataVersion());
        List<Row> segs = segments(result.dataVersion());
        Map<String, String> splitOf = new HashMap<>();
        for (Row r : segs) {
            String previous = splitOf.put(r.getString(0), r.getString(3));
            assertTrue(
                    previous == null || previous.equals(r.getString(3)), "record " + r.getString(0) + " in two splits");
            assertEquals("A".equals(labels.get(r.getString(0))) ? 1 : 0, r.getInt(2), "label of " + r.getString(0));
        }
        assertEquals(RECORDS, splitOf.size(), "every N/A record, and only those, has segments");
        assertEquals(3L * RECORDS, segs.size(), "1350 samples -> 2 full windows + 1 padded");
        for (String label : List.of("N", "A")) {
            List<String> ids = splitOf.keySet().stream()
                    .filter(id -> labels.get(id).equals(label))
                    .toList();
            assertTrue(ids.size() > 200, label + " records: " + ids.size());
            for (Map.Entry<String, Double> e :
                    Map.of("train", 0.75, "val", 0.10, "test", 0.15).entrySet()) {
                double share = ids.stream()
                                .filter(id -> splitOf.get(id).equals(e.getKey()))
                                .count()
                        / (double) ids.size();
                assertEquals(e.getValue(), share, 0.06, label + " " + e.getKey() + " share");
            }
        }
    }

    @Test
    void recordsWithoutTaskLabelsGiveNoSegmentsAndTheRunEnds() {
        // The per-split counts come from the write itself (SegmentCounts): an empty write must report zeros, not
        // leave the job waiting for metrics that never come.
        Lake other = new Lake(spark, tmp.resolve("no-task-labels").toString());
        other.append(
                Table.ECG_RECORDS,
                spark.createDataFrame(
                        List.of(RowFactory.create(
                                "O1",
                                "test",
                                300.0,
                                "O",
                                3,
                                Floats.encode(new float[] {1, 2, 3}),
                                "O1",
                                new Timestamp(0))),
                        Table.ECG_RECORDS.schema()));
        PreprocessResult result = assertTimeoutPreemptively(
                Duration.ofMinutes(2),
                () -> new PreprocessJob()
                        .preprocess(spark, new PreprocessConfig(other.root(), WINDOW, NormMode.PER_SEGMENT, SPLIT)));
        assertEquals(Map.of(), result.segmentsBySplit());
        assertEquals(Map.of("O", 1L), result.excluded());
    }

    @Test
    void perSegmentZScoreIsExactAndRerunKeepsContent() {
        PreprocessResult first = run(NormMode.PER_SEGMENT);
        PreprocessResult second = run(NormMode.PER_SEGMENT);
        assertEquals(first.dataVersion(), second.dataVersion());
        List<Row> segs = segments(second.dataVersion());
        assertEquals(3L * RECORDS, segs.size(), "a re-run replaces, never duplicates");
        for (Row r : segs.subList(0, 60)) {
            float[] window = window(raw.get(r.getString(0)), r.getInt(1));
            double mean = 0;
            for (float v : window) {
                mean += v;
            }
            mean /= window.length;
            double var = 0;
            for (float v : window) {
                var += (v - mean) * (v - mean);
            }
            double std = Math.sqrt(var / window.length);
            float[] got = Floats.of(r, 4);
            for (int i = 0; i < window.length; i++) {
                assertEquals(
                        (window[i] - mean) / std, got[i], 1e-4, r.getString(0) + "#" + r.getInt(1) + "[" + i + "]");
            }
        }
    }

    @Test
    void aRerunReplacesOnlyTheSegmentsOfItsOwnDataVersion() {
        PreprocessResult global = run(NormMode.GLOBAL);
        Map<String, float[]> globalBefore = signals(segments(global.dataVersion()));
        PreprocessResult perSegment = run(NormMode.PER_SEGMENT);
        run(NormMode.PER_SEGMENT);
        assertTrue(!global.dataVersion().equals(perSegment.dataVersion()), "the norm mode is part of the data version");
        assertEquals(3L * RECORDS, segments(perSegment.dataVersion()).size());
        Map<String, float[]> globalAfter = signals(segments(global.dataVersion()));
        assertEquals(globalBefore.keySet(), globalAfter.keySet(), "the other norm mode's segments stay");
        globalBefore.forEach((k, v) -> assertArrayEquals(v, globalAfter.get(k), k));
    }

    private static Map<String, float[]> signals(List<Row> segments) {
        Map<String, float[]> out = new HashMap<>();
        segments.forEach(r -> out.put(r.getString(0) + "#" + r.getInt(1), Floats.of(r, 4)));
        return out;
    }

    @Test
    void globalZScoreUsesTrainingStatisticsStoredWithTheDataVersion() {
        PreprocessResult result = run(NormMode.GLOBAL);
        List<Row> segs = segments(result.dataVersion());
        Map<String, String> splitOf = new HashMap<>();
        segs.forEach(r -> splitOf.put(r.getString(0), r.getString(3)));
        long n = 0;
        double sum = 0;
        double sumSq = 0;
        for (Map.Entry<String, String> e : splitOf.entrySet()) {
            if (e.getValue().equals("train")) {
                for (float v : raw.get(e.getKey())) {
                    n++;
                    sum += v;
                    sumSq += (double) v * v;
                }
            }
        }
        double mean = sum / n;
        double std = Math.sqrt(sumSq / n - mean * mean);
        Row stats = lake.read(Table.ECG_NORM_STATS)
                .filter(org.apache.spark.sql.functions.col("data_version").equalTo(result.dataVersion()))
                .first();
        assertEquals("global", stats.getString(1));
        assertEquals(n, stats.getLong(4));
        assertEquals(mean, stats.getDouble(2), 1e-9);
        assertEquals(std, stats.getDouble(3), 1e-7);
        Row r = segs.get(0);
        float[] window = window(raw.get(r.getString(0)), r.getInt(1));
        float[] got = Floats.of(r, 4);
        for (int i = 0; i < window.length; i++) {
            assertEquals((window[i] - mean) / std, got[i], 1e-4, "sample " + i);
        }
    }

    /** Window k of a record as the job cuts it: 600 samples, stride 600, zero-padded tail. */
    private static float[] window(float[] x, int k) {
        float[] w = new float[600];
        System.arraycopy(x, k * 600, w, 0, Math.min(600, x.length - k * 600));
        return w;
    }
}
