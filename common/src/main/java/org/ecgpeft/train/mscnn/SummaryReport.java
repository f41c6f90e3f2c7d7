package org.ecgpeft.train.mscnn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.ecgpeft.config.Json;
import org.ecgpeft.eval.MetricReport;
import org.ecgpeft.signal.RecordSplitter.Split;
import org.ecgpeft.train.TrainingResult;

/**
 * Renders encoder figures as a console table and as JSON, next to the reference the encoder must beat (the
 * seed project's MS-CNN on the CinC 2017 test split).
 */
public final class SummaryReport {

    /** File name of the training summary in the output folder. */
    public static final String FILE = "summary.json";

    /** The figures to beat on the CinC 2017 test split (see docs/DESIGN.md, "Anchors for numbers"). */
    public static final Map<String, Double> REFERENCE = Map.of("accuracy", 0.94, "f1", 0.78, "auroc", 0.96);

    private SummaryReport() {}

    /** The run's headline, then {@link #table(EncoderFigures)}. */
    public static String table(MsCnnTrainingSummary s) {
        TrainingResult t = s.training();
        return String.format(
                        Locale.ROOT,
                        "MS-CNN k2=%d, %,d parameters; best epoch %d of %d (validation F1 %.4f),"
                                + " %,d steps, %.0f s training%n",
                        s.config().model().kernelStream2(),
                        s.parameters(),
                        t.bestEpoch(),
                        t.epochsRun(),
                        t.bestF1(),
                        t.steps(),
                        t.trainSeconds())
                + table(s.figures()) + "checkpoint: " + s.checkpoint() + System.lineSeparator();
    }

    /** One row per evaluated split and level, at 0.5 and at the tuned threshold, then the reference. */
    public static String table(EncoderFigures f) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%-9s %-6s %-8s %6s %5s %9s %9s %9s %9s %9s %9s%n",
                "threshold",
                "split",
                "level",
                "n",
                "AF",
                "accuracy",
                "AF prec",
                "AF recall",
                "AF F1",
                "AUROC",
                "AUPRC"));
        rows(out, "0.5", f.atHalf());
        rows(out, String.format(Locale.ROOT, "%.4f", f.tunedThreshold()), f.tuned());
        out.append(String.format(
                Locale.ROOT,
                "reference (test): accuracy %.2f, AF F1 %.2f, AUROC %.2f%n",
                REFERENCE.get("accuracy"),
                REFERENCE.get("f1"),
                REFERENCE.get("auroc")));
        return out.toString();
    }

    private static void rows(StringBuilder out, String threshold, Map<Split, SplitEvaluation> evaluations) {
        for (Split split : Split.values()) {
            SplitEvaluation e = evaluations.get(split);
            if (e != null) {
                row(out, threshold, split.tableName(), "segment", e.segment());
                row(out, threshold, split.tableName(), "record", e.record());
            }
        }
    }

    private static void row(StringBuilder out, String threshold, String split, String level, MetricReport m) {
        out.append(String.format(
                Locale.ROOT,
                "%-9s %-6s %-8s %6d %5d %9.4f %9.4f %9.4f %9.4f %9.4f %9.4f%n",
                threshold,
                split,
                level,
                m.n(),
                m.tp() + m.fn(),
                m.accuracy(),
                m.precision(),
                m.recall(),
                m.f1(),
                m.auroc(),
                m.auprc()));
    }

    /** Writes the training summary ({@value #FILE}) into {@code outDir} and returns its path. */
    public static Path writeJson(MsCnnTrainingSummary s, Path outDir) throws IOException {
        return write(tree(s), outDir.resolve(FILE));
    }

    /** Writes {@code figures} as JSON to {@code file} and returns it. */
    public static Path writeJson(EncoderFigures figures, Path file) throws IOException {
        return write(tree(figures), file);
    }

    private static Path write(Map<String, Object> tree, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Json.OWN.write(file, tree);
        return file;
    }

    static Map<String, Object> tree(MsCnnTrainingSummary s) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("config", s.config());
        root.put("parameters", s.parameters());
        root.put("checkpoint", s.checkpoint().toString());
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("rule", s.splitter());
        for (Split sp : Split.values()) {
            split.put(
                    sp.tableName(),
                    Map.of(
                            "records",
                            s.records().get(sp),
                            "af_records",
                            s.afRecords().get(sp)));
        }
        root.put("split", split);
        TrainingResult t = s.training();
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("best_epoch", t.bestEpoch());
        training.put("best_validation_f1", t.bestF1());
        training.put("epochs_run", t.epochsRun());
        training.put("steps", t.steps());
        training.put("stopped_early", t.stoppedEarly());
        training.put("train_seconds", t.trainSeconds());
        training.put("curves", t.curves());
        root.put("training", training);
        root.putAll(tree(s.figures()));
        return root;
    }

    static Map<String, Object> tree(EncoderFigures f) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("metrics", metrics(f.atHalf()));
        root.put("tuned_threshold", f.tunedThreshold());
        root.put("metrics_tuned", metrics(f.tuned()));
        root.put("reference_test", REFERENCE);
        return root;
    }

    private static Map<String, Object> metrics(Map<Split, SplitEvaluation> evaluations) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Split sp : Split.values()) {
            SplitEvaluation e = evaluations.get(sp);
            if (e != null) {
                Map<String, Object> levels = new LinkedHashMap<>();
                levels.put("windows", e.windows());
                levels.put("records", e.records());
                levels.put("segment", e.segment().asMap());
                levels.put("record", e.record().asMap());
                out.put(sp.tableName(), levels);
            }
        }
        return out;
    }
}
