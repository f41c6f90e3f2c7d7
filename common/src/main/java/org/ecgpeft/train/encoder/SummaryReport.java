package org.ecgpeft.train.encoder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.ecgpeft.eval.MetricReport;
import org.ecgpeft.train.TrainingResult;
import org.ecgpeft.train.encoder.RecordSplitter.Split;

/**
 * Renders an {@link MsCnnTrainingSummary} as a console table and as {@code summary.json}, next to the
 * reference the encoder must beat (the seed project's MS-CNN on the CinC 2017 test split).
 */
public final class SummaryReport {

    /** File name of the JSON summary in the output folder. */
    public static final String FILE = "summary.json";

    /** The figures to beat on the CinC 2017 test split (see docs/DESIGN.md, "Anchors for numbers"). */
    public static final Map<String, Double> REFERENCE = Map.of("accuracy", 0.94, "f1", 0.78, "auroc", 0.96);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryReport() {
    }

    /** One row per evaluated split and level: counts and accuracy, AF precision / recall / F1, AUROC. */
    public static String table(MsCnnTrainingSummary s) {
        StringBuilder out = new StringBuilder();
        TrainingResult t = s.training();
        out.append(String.format(Locale.ROOT, "MS-CNN k2=%d, %,d parameters; best epoch %d of %d (validation F1 %.4f),"
                        + " %,d steps, %.0f s training%n", s.config().model().kernelStream2(), s.parameters(),
                t.bestEpoch(), t.epochsRun(), t.bestF1(), t.steps(), t.trainSeconds()));
        out.append(String.format(Locale.ROOT, "%-6s %-8s %8s %6s %9s %9s %9s %9s %9s%n", "split", "level", "n", "AF",
                "accuracy", "AF prec", "AF recall", "AF F1", "AUROC"));
        for (Split split : Split.values()) {
            SplitEvaluation e = s.evaluations().get(split);
            if (e == null) {
                continue;
            }
            row(out, split.tableName(), "segment", e.segment());
            row(out, split.tableName(), "record", e.record());
        }
        out.append(String.format(Locale.ROOT, "reference (test): accuracy %.2f, AF F1 %.2f, AUROC %.2f%n",
                REFERENCE.get("accuracy"), REFERENCE.get("f1"), REFERENCE.get("auroc")));
        out.append("checkpoint: ").append(s.checkpoint()).append(System.lineSeparator());
        return out.toString();
    }

    private static void row(StringBuilder out, String split, String level, MetricReport m) {
        out.append(String.format(Locale.ROOT, "%-6s %-8s %8d %6d %9.4f %9.4f %9.4f %9.4f %9.4f%n", split, level, m.n(),
                m.tp() + m.fn(), m.accuracy(), m.precision(), m.recall(), m.f1(), m.auroc()));
    }

    /** Writes {@value #FILE} into {@code outDir} and returns its path. */
    public static Path writeJson(MsCnnTrainingSummary s, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Path file = outDir.resolve(FILE);
        JSON.writeValue(file.toFile(), tree(s));
        return file;
    }

    static Map<String, Object> tree(MsCnnTrainingSummary s) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("config", s.config());
        root.put("parameters", s.parameters());
        root.put("checkpoint", s.checkpoint().toString());
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("rule", s.splitter());
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (Split sp : Split.values()) {
            split.put(sp.tableName(), Map.of("records", s.records().get(sp), "af_records", s.afRecords().get(sp)));
            SplitEvaluation e = s.evaluations().get(sp);
            if (e == null) {
                continue;
            }
            Map<String, Object> levels = new LinkedHashMap<>();
            levels.put("windows", e.windows());
            levels.put("records", e.records());
            levels.put("segment", e.segment().asMap());
            levels.put("record", e.record().asMap());
            metrics.put(sp.tableName(), levels);
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
        root.put("metrics", metrics);
        root.put("reference_test", REFERENCE);
        return root;
    }
}
