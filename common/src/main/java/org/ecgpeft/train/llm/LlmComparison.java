package org.ecgpeft.train.llm;

import java.util.List;
import java.util.Locale;
import org.ecgpeft.eval.AnswerParser;
import org.ecgpeft.eval.BinaryMetrics;
import org.ecgpeft.eval.LlmAnswerMetrics;
import org.ecgpeft.eval.LlmAnswerReport;
import org.ecgpeft.eval.MetricReport;

/**
 * The ECG-LLM's parsed answers next to the encoder alone on the same rows. Invalid answers count as wrong (see
 * {@link LlmAnswerReport}) and are reported.
 *
 * @param llm metrics of the parsed answers
 * @param encoder metrics of the encoder's own predictions for the same rows, or null when none were given
 */
public record LlmComparison(LlmAnswerReport llm, MetricReport encoder) {

    public LlmComparison {
        if (llm == null) {
            throw new IllegalArgumentException("the LLM report must be given");
        }
    }

    /**
     * @param encoderPred the encoder's 0/1 predictions (argmax of its logits) for the same rows, or null
     */
    public static LlmComparison of(int[] labels, List<String> answers, int[] encoderPred, AnswerParser parser) {
        LlmAnswerReport llm = LlmAnswerMetrics.fromTexts(labels, answers, parser);
        return new LlmComparison(llm, encoderPred == null ? null : BinaryMetrics.fromPredictions(labels, encoderPred));
    }

    /** A few lines for the log: accuracy, AF precision/recall/F1 and invalid answers, with the encoder's. */
    public String summary() {
        MetricReport m = llm.metrics();
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "ECG-LLM on %d rows: accuracy %.4f, AF precision %.4f, recall %.4f, F1 %.4f, invalid answers %d (%.1f%%)",
                m.n(),
                m.accuracy(),
                m.precision(),
                m.recall(),
                m.f1(),
                llm.invalid(),
                100 * llm.invalidRate()));
        if (encoder != null) {
            s.append(String.format(
                    Locale.ROOT,
                    "%nencoder alone:     accuracy %.4f, AF precision %.4f, recall %.4f, F1 %.4f",
                    encoder.accuracy(),
                    encoder.precision(),
                    encoder.recall(),
                    encoder.f1()));
        }
        return s.toString();
    }
}
