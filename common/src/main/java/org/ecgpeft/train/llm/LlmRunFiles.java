package org.ecgpeft.train.llm;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ecgpeft.config.Json;
import org.ecgpeft.eval.AnswerParser;
import org.ecgpeft.eval.MetricReport;
import org.ecgpeft.train.TrainingCurve;

/** The plain files a command run leaves next to its checkpoints: curves, answers and metrics. */
final class LlmRunFiles {

    private LlmRunFiles() {}

    /** {@code epoch,step,split,loss,metric,value} per curve point. */
    static void writeCurves(Path file, List<TrainingCurve> curves) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("epoch,step,split,loss,metric,value\n");
            for (TrainingCurve c : curves) {
                w.write(String.format(
                        Locale.ROOT,
                        "%d,%d,%s,%.6f,%s,%.6f%n",
                        c.epoch(),
                        c.step(),
                        c.split(),
                        c.loss(),
                        c.metric(),
                        c.value()));
            }
        }
    }

    /** {@code row,label,encoder_pred,parsed,answer} per row (answer quoted, as CSV). */
    static void writeAnswers(Path file, EcgFeatureSet set, List<String> answers, AnswerParser parser)
            throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("row,label,encoder_pred,parsed,answer\n");
            for (int i = 0; i < answers.size(); i++) {
                String pred = set.encoderPred() == null ? "" : Integer.toString(set.encoderPred()[i]);
                String text = answers.get(i).replace("\"", "\"\"");
                w.write(i + "," + set.labels()[i] + "," + pred + "," + parser.parse(answers.get(i)) + ",\"" + text
                        + "\"\n");
            }
        }
    }

    /** The LLM's metrics (with invalid answers) and the encoder's, as JSON. */
    static void writeMetrics(Path file, LlmComparison comparison) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("ecg_llm", comparison.llm().asMap());
        if (comparison.encoder() != null) {
            Map<String, Double> encoder =
                    new LinkedHashMap<>(comparison.encoder().asMap());
            encoder.keySet().removeAll(MetricReport.SCORE_METRICS);
            root.put("encoder", encoder);
        }
        Json.OWN.write(file, root);
    }
}
