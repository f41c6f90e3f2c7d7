package org.ecgpeft.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmAnswerMetricsTest {

    private static final double EPS = 1e-12;
    private static final String NEG = "经过分析，该心电图显示为正常窦性心律，无房颤。";
    private static final String POS = "经过分析，该心电图显示特征符合房颤（AF）表现，有房颤。";

    @Test
    void invalidAnswersCountAsWrong() {
        // labels [1,1,0,0,1,0] vs [POS, INVALID, NEG, INVALID, NEG, POS]:
        // tp (0), fn (1: invalid on AF), tn (2), fp (3: invalid on normal), fn (4), fp (5)
        // -> tp 1, fp 2, tn 1, fn 2; accuracy 2/6, precision 1/3, recall 1/3, F1 2/(2+2+2) = 1/3.
        LlmAnswerReport report = LlmAnswerMetrics.compute(
                new int[] {1, 1, 0, 0, 1, 0},
                List.of(
                        ParsedAnswer.POSITIVE,
                        ParsedAnswer.INVALID,
                        ParsedAnswer.NEGATIVE,
                        ParsedAnswer.INVALID,
                        ParsedAnswer.NEGATIVE,
                        ParsedAnswer.POSITIVE));
        assertEquals(new MetricReport(1, 2, 1, 2, Double.NaN, Double.NaN), report.metrics());
        assertEquals(2.0 / 6.0, report.metrics().accuracy(), EPS);
        assertEquals(1.0 / 3.0, report.metrics().f1(), EPS);
        assertEquals(2, report.invalid());
        assertEquals(1.0 / 3.0, report.invalidRate(), EPS);

        Map<String, Double> map = report.asMap();
        assertFalse(map.containsKey("auroc"));
        assertFalse(map.containsKey("auprc"));
        assertEquals(
                List.of(
                        "accuracy",
                        "precision",
                        "recall",
                        "f1",
                        "specificity",
                        "precision_0",
                        "recall_0",
                        "f1_0",
                        "macro_f1",
                        "tp",
                        "fp",
                        "tn",
                        "fn",
                        "n",
                        "invalid",
                        "invalid_rate"),
                List.copyOf(map.keySet()));
        assertEquals(2.0, map.get("invalid"));
        assertEquals(1.0 / 3.0, map.get("invalid_rate"), EPS);
    }

    @Test
    void fromTextsParsesTemplates() {
        // AF record answered POS, normal answered NEG, AF answered garbage, normal answered POS.
        LlmAnswerReport report = LlmAnswerMetrics.fromTexts(
                new int[] {1, 0, 1, 0}, Arrays.asList(POS, NEG, "房颤", POS), new AnswerParser(AnswerVocabulary.CHINESE));
        assertEquals(new MetricReport(1, 1, 1, 1, Double.NaN, Double.NaN), report.metrics());
        assertEquals(1, report.invalid());
        assertEquals(0.25, report.invalidRate(), EPS);
    }

    @Test
    void allValidAndCorrect() {
        LlmAnswerReport report = LlmAnswerMetrics.fromTexts(
                new int[] {0, 1}, Arrays.asList(NEG, POS), new AnswerParser(AnswerVocabulary.CHINESE));
        assertEquals(1.0, report.metrics().accuracy(), EPS);
        assertEquals(1.0, report.metrics().macroF1(), EPS);
        assertEquals(0.0, report.invalidRate(), EPS);
    }

    @Test
    void badInputIsRejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> LlmAnswerMetrics.compute(new int[] {1, 0}, List.of(ParsedAnswer.POSITIVE)));
        assertTrue(e.getMessage().contains("answers has length 1"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> LlmAnswerMetrics.compute(new int[] {1}, Arrays.asList((ParsedAnswer) null)));
        assertTrue(e.getMessage().contains("answers[0]"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new LlmAnswerReport(new MetricReport(1, 0, 0, 0, Double.NaN, Double.NaN), 2));
    }
}
