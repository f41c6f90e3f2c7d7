package org.ecgpeft.jobs.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ecgpeft.eval.MetricReport;
import org.ecgpeft.eval.ParsedAnswer;
import org.junit.jupiter.api.Test;

/** The encoder's record-level scoring next to the LLM's, and the stored score of each answer. */
class SplitAnswersTest {
    @Test
    void theEncoderRecordIsTheMeanOfItsWindowProbabilities() {
        // A: mean 0.6 (AF) right; B: mean 0.45 (normal) right; C: mean 0.5 (AF) wrong.
        String[] ids = {"A", "A", "B", "B", "C", "C"};
        int[] labels = {1, 1, 0, 0, 0, 0};
        double[] probs = {0.9, 0.3, 0.8, 0.1, 0.5, 0.5};
        MetricReport r = SplitAnswers.perRecord(ids, labels, probs);
        assertEquals(3, r.n());
        assertEquals(2.0 / 3, r.accuracy(), 1e-12);
        assertEquals(1, r.tp());
        assertEquals(1, r.fp());
    }

    @Test
    void storedScoresRankAnInvalidAnswerBetweenTheClasses() {
        assertEquals(1.0, LlmPredictions.score(ParsedAnswer.POSITIVE));
        assertEquals(0.0, LlmPredictions.score(ParsedAnswer.NEGATIVE));
        assertEquals(0.5, LlmPredictions.score(ParsedAnswer.INVALID));
    }
}
