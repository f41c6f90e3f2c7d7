package org.ecgpeft.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.jobs.evaluate.ArtifactLoader;
import org.ecgpeft.jobs.evaluate.ConflictRetry;
import org.ecgpeft.jobs.evaluate.EvalFixtures;
import org.ecgpeft.jobs.evaluate.EvaluateSettings;
import org.ecgpeft.jobs.evaluate.ReevaluateConfig;
import org.ecgpeft.jobs.evaluate.ReevaluateJob;
import org.ecgpeft.jobs.sql.NotebookConfig;
import org.ecgpeft.jobs.sql.NotebookJob;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.SparkSessions;
import org.ecgpeft.lake.Table;
import org.ecgpeft.report.Attribution;
import org.ecgpeft.report.ReportDataReader;
import org.ecgpeft.report.ReportSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report job and every notebook under {@code notebooks/}, headless, on tables produced here: CinC-like
 * records, segments in two norm modes, two evaluated runs (real tiny artifacts), training curves, and a second
 * data version so drift has history.
 */
class ReportAndNotebooksTest {
    private static final String PER_SEGMENT = "records@v2/" + EvalFixtures.RECIPE + "/per-segment";
    private static final String GLOBAL = "records@v2/" + EvalFixtures.RECIPE + "/global";
    private static SparkSession spark;
    private static Lake lake;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void tables() throws Exception {
        spark = SparkSessions.local("report-test", 2, 2);
        lake = new Lake(spark, tmp.resolve("lake").toString());
        Timestamp t = new Timestamp(0);
        // One CinC record outside the N-vs-A task: the report must carry the data's attribution.
        lake.append(
                Table.ECG_RECORDS,
                spark.createDataFrame(
                        List.of(RowFactory.create(
                                "A00001", "cinc2017", 300.0, "O", 1, Floats.encode(new float[1]), "h-cinc", t)),
                        Table.ECG_RECORDS.schema()));
        assertEquals(PER_SEGMENT, EvalFixtures.writeSegments(spark, lake, 0, 9, 2));
        EvalFixtures.preprocess(spark, lake, org.ecgpeft.jobs.preprocess.NormMode.GLOBAL);
        EvalFixtures.registerRun(
                spark, lake, "run-seg", EvalFixtures.saveArtifact(tmp.resolve("m"), "run-seg", 1), PER_SEGMENT);
        EvalFixtures.registerRun(
                spark, lake, "run-glob", EvalFixtures.saveArtifact(tmp.resolve("m"), "run-glob", 2), GLOBAL);
        List<Row> curves = new ArrayList<>();
        for (String run : List.of("run-seg", "run-glob")) {
            for (int epoch = 0; epoch < 3; epoch++) {
                curves.add(RowFactory.create(run, epoch, 10L * (epoch + 1), "train", 0.7 - 0.1 * epoch, "loss", null));
                curves.add(RowFactory.create(
                        run, epoch, 10L * (epoch + 1), "val", 0.72 - 0.05 * epoch, "f1", 0.5 + 0.1 * epoch));
            }
        }
        lake.append(Table.ECG_TRAINING_CURVES, spark.createDataFrame(curves, Table.ECG_TRAINING_CURVES.schema()));
        ReevaluateConfig reevaluate =
                new ReevaluateConfig(lake.root(), false, new EvaluateSettings(16, 0.5, 2, new ConflictRetry(3, 10)));
        new ReevaluateJob(new ArtifactLoader()).run(spark, reevaluate);
        // New records (a new ecg_records version) make both runs due again: drift history.
        EvalFixtures.addRecords(spark, lake, 9, 3, 1);
        new ReevaluateJob(new ArtifactLoader()).run(spark, reevaluate);
        // An ECG-LLM run's answers are scored under their own levels (train-llm / answer-llm write them).
        EvalFixtures.registerRun(spark, lake, "llm-run", "qwen3-ecgllm", "lora", "file:/nowhere", PER_SEGMENT);
        lake.append(
                Table.ECG_METRICS,
                spark.createDataFrame(
                        List.of(
                                RowFactory.create("llm-run", "test", "llm", "accuracy", 0.875, PER_SEGMENT, t),
                                RowFactory.create("llm-run", "test", "llm", "f1", 0.8, PER_SEGMENT, t),
                                RowFactory.create("llm-run", "test", "llm-record", "accuracy", 0.9, PER_SEGMENT, t)),
                        Table.ECG_METRICS.schema()));
        lake.append(
                Table.ECG_PREDICTIONS,
                spark.createDataFrame(
                        List.of(
                                RowFactory.create("llm-run", "A0", 0, "test", 1.0, 1, 1, PER_SEGMENT),
                                RowFactory.create("llm-run", "A1", 0, "test", 0.0, 0, 0, PER_SEGMENT)),
                        Table.ECG_PREDICTIONS.schema()));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void reportIsWrittenFromTheTablesWithChartsAndAttribution() throws Exception {
        Path out = tmp.resolve("report");
        new ReportJob().run(spark, new ReportConfig(lake.root(), out, ReportSettings.defaults()));
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("run-seg") && md.contains("run-glob"), md);
        assertTrue(md.contains(Attribution.CINC_2017), "CinC 2017 attribution");
        assertTrue(md.contains(PER_SEGMENT) || md.contains(GLOBAL), "dataset data version");
        List<Path> pngs;
        try (Stream<Path> files = Files.list(out.resolve("figures"))) {
            pngs = files.filter(p -> p.toString().endsWith(".png")).toList();
        }
        assertTrue(pngs.size() >= 4, "charts: " + pngs);
        assertTrue(md.contains("## Drift across records versions") && md.contains("figures/drift.png"), "drift chart");
        for (Path png : pngs) {
            byte[] head = Files.readAllBytes(png);
            assertTrue(head.length > 1000 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G', png.toString());
            assertTrue(md.contains("figures/" + png.getFileName()), "report links " + png.getFileName());
        }
    }

    @Test
    void reportDataUsesEachRunsLatestEvaluation() {
        var data = new ReportDataReader(lake, ReportSettings.defaults()).read();
        assertEquals(3, data.runs().size(), "two PEFT runs and the ECG-LLM run");
        String latest = "records@v3/" + EvalFixtures.RECIPE + "/per-segment";
        double f1 = lake.read(Table.ECG_METRICS)
                .filter("run_id = 'run-seg' AND split = 'test' AND level = 'segment' "
                        + "AND metric = 'f1' AND data_version = '" + latest + "'")
                .head()
                .getDouble(4);
        assertEquals(
                f1,
                data.metrics().stream()
                        .filter(m -> m.runId().equals("run-seg")
                                && m.split().equals("test")
                                && m.level().equals("segment")
                                && m.metric().equals("f1"))
                        .findFirst()
                        .orElseThrow()
                        .value());
        assertEquals(2 * 2 * 3, data.confusions().size(), "2 runs x 2 levels x 3 splits");
        assertEquals(4, data.rocs().size(), "test ROC per run and level; none for the ECG-LLM's text answers");
        assertEquals(
                "global",
                data.runs().stream()
                        .filter(r -> r.runId().equals("run-glob"))
                        .findFirst()
                        .orElseThrow()
                        .normMode());
        assertEquals(List.of("cinc2017", "synthetic"), data.dataset().sources());
    }

    @Test
    void theLlmComparisonReadsTheAnswersLevelThatMatchesTheReportLevel() {
        var segment =
                new ReportDataReader(lake, ReportSettings.defaults()).read().comparisons();
        assertEquals(1, segment.size(), segment.toString());
        assertEquals("llm", segment.get(0).kind());
        assertTrue(segment.get(0).system().endsWith(" llm-run"), segment.get(0).system());
        assertEquals(0.875, segment.get(0).accuracy());
        assertEquals(0.8, segment.get(0).f1());
        var record = new ReportDataReader(lake, new ReportSettings("test", "record", "f1"))
                .read()
                .comparisons();
        assertEquals(0.9, record.get(0).accuracy());
    }

    @Test
    void everyNotebookRunsHeadlessAndWritesItsCells() throws Exception {
        Path notebooks = Path.of(System.getProperty("user.dir")).getParent().resolve("notebooks");
        List<Path> files;
        try (Stream<Path> list = Files.list(notebooks)) {
            files = list.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        assertEquals(4, files.size(), "notebooks: " + files);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Path csv = tmp.resolve("nb-out");
        new NotebookJob(new PrintStream(buf, true, StandardCharsets.UTF_8))
                .run(spark, new NotebookConfig(lake.root(), files, Optional.of(csv), 50, 60));
        String printed = buf.toString(StandardCharsets.UTF_8);
        for (String expected : List.of(
                "# leaderboard.sql",
                "## [2] Test leaderboard, segment level",
                "run-seg",
                "# drift.sql",
                "records@v3/",
                "WRITE",
                "# norm_ablation.sql",
                "# curves.sql")) {
            assertTrue(printed.contains(expected), "'" + expected + "' in\n" + printed);
        }
        // The leaderboard's confusion counts (recomputed from predictions) match ecg_metrics.
        List<String> confusion = Files.readAllLines(csv.resolve("leaderboard/04-confusion-counts-on-test.csv"));
        assertEquals("run_id,data_version,tp,fp,tn,fn", confusion.get(0));
        String[] first = confusion.stream()
                .filter(l -> l.startsWith("run-seg,"))
                .findFirst()
                .orElseThrow()
                .split(",");
        Row tp = lake.read(Table.ECG_METRICS)
                .filter("run_id = '" + first[0] + "' AND data_version = '" + first[1]
                        + "' AND split = 'test' AND level = 'segment' AND metric = 'tp'")
                .head();
        assertEquals((long) tp.getDouble(4), Long.parseLong(first[2]));
        // Drift: two records versions per PEFT run; on the newer one the three new records form their own group. The
        // ECG-LLM run's answers (level llm-record) on its training version are a row of their own.
        List<String> drift = Files.readAllLines(csv.resolve("drift/01-metrics-per-run-and-records-version.csv"));
        assertEquals(1 + 1 + 2 * 2, drift.size(), String.join("\n", drift));
        assertEquals(
                "run_id,records_version,evaluated_at,test_f1,test_auroc,test_records,new_f1,new_records,test_f1_change",
                drift.get(0));
        assertTrue(drift.get(1).startsWith("llm-run,2,"), drift.get(1));
        assertTrue(drift.get(3).startsWith("run-glob,3,"), drift.get(3));
        assertEquals("3", drift.get(3).split(",")[7], drift.get(3));
    }

    @Test
    void aFailingCellIsNamed() throws Exception {
        Path bad = tmp.resolve("bad.sql");
        Files.writeString(
                bad,
                "-- Databricks notebook source\n-- DBTITLE 1,fine\nSELECT 1\n\n-- COMMAND ----------\n\n"
                        + "-- DBTITLE 1,broken one\nSELECT * FROM no_such_table\n");
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> new NotebookJob(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                        .run(spark, new NotebookConfig(lake.root(), List.of(bad), Optional.empty(), 5, 60)));
        assertTrue(e.getMessage().startsWith("bad.sql, cell 2 'broken one' (line 7)"), e.getMessage());
    }
}
