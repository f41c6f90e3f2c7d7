package org.ecgpeft.eval;

import static org.ecgpeft.eval.ParsedAnswer.INVALID;
import static org.ecgpeft.eval.ParsedAnswer.NEGATIVE;
import static org.ecgpeft.eval.ParsedAnswer.POSITIVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerVoteTest {

    @Test
    void invalidAnswersDoNotVoteAndTiesTakeTheTieBreakNotAf() {
        // A: AF, AF, normal -> AF. B: normal + invalid -> normal (the invalid one is left out, not half a vote).
        // C: AF + normal, tie-break mean 0.2 -> normal. D: AF + normal, tie-break mean 0.7 -> AF.
        // E: only invalid answers -> invalid record. F: invalid, invalid, AF -> AF (one valid vote decides).
        String[] ids = {"A", "A", "A", "B", "B", "C", "C", "D", "D", "E", "E", "F", "F", "F"};
        int[] labels = {1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0};
        List<ParsedAnswer> answers = List.of(
                POSITIVE, POSITIVE, NEGATIVE, NEGATIVE, INVALID, POSITIVE, NEGATIVE, NEGATIVE, POSITIVE, INVALID,
                INVALID, INVALID, INVALID, POSITIVE);
        double[] tieBreak = {0.9, 0.9, 0.9, 0.1, 0.1, 0.3, 0.1, 0.8, 0.6, 0.9, 0.9, 0.1, 0.1, 0.1};
        RecordAnswers r = AnswerVote.byRecord(ids, labels, answers, tieBreak, 0.5);
        assertEquals(List.of("A", "B", "C", "D", "E", "F"), r.recordIds());
        assertEquals(List.of(POSITIVE, NEGATIVE, NEGATIVE, POSITIVE, INVALID, POSITIVE), r.votes());
        assertEquals(5, r.invalidAnswers());
        assertEquals(2, r.ties());
        LlmAnswerReport report = r.report();
        // right: A, B, C, D; wrong: E (invalid, counted against its AF label), F (AF for a normal record)
        assertEquals(
                List.of(2L, 1L, 2L, 1L),
                List.of(
                        report.metrics().tp(),
                        report.metrics().fp(),
                        report.metrics().tn(),
                        report.metrics().fn()));
        assertEquals(4.0 / 6, report.metrics().accuracy(), 1e-12);
        assertEquals(1, report.invalid());
        assertEquals(5.0, r.asMap().get("invalid_answers"));
        assertEquals(2.0, r.asMap().get("ties"));
        assertEquals(1.0 / 6, r.asMap().get("invalid_rate"), 1e-12);
        assertTrue(!r.asMap().containsKey("auroc"), r.asMap().toString());
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> AnswerVote.byRecord(
                        new String[] {"A", "A"},
                        new int[] {1, 0},
                        List.of(POSITIVE, POSITIVE),
                        new double[] {0, 0},
                        0.5));
        assertTrue(e.getMessage().contains("record A"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> AnswerVote.byRecord(
                        new String[] {"A"}, new int[] {1}, List.of(POSITIVE), new double[] {Double.NaN}, 0.5));
        assertTrue(e.getMessage().contains("record A"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> AnswerVote.byRecord(
                        new String[] {"A"}, new int[] {1, 1}, List.of(POSITIVE, POSITIVE), new double[] {0, 0}, 0.5));
    }
}
