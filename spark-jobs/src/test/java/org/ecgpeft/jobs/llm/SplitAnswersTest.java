package org.ecgpeft.jobs.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ecgpeft.eval.MetricReport;
import org.ecgpeft.eval.ParsedAnswer;
import org.junit.jupiter.api.Test;

/** Record-level scoring of windows' answers: the mean answer score per record, AF at >= 0.5. */
class SplitAnswersTest {
  @Test
  void aRecordIsAfWhenAtLeastHalfOfItsAnswersSayAfWithInvalidAnswersCountingHalf() {
    double af = LlmPredictions.score(ParsedAnswer.POSITIVE);
    double normal = LlmPredictions.score(ParsedAnswer.NEGATIVE);
    double invalid = LlmPredictions.score(ParsedAnswer.INVALID);
    // A: 2 of 3 AF (label AF) -> AF; B: normal + invalid = 0.25 (label normal) -> normal;
    // C: one AF, one normal = 0.5 (label normal) -> AF (a tie reads as AF); D: all normal (label AF) -> normal.
    String[] ids = {"A", "A", "A", "B", "B", "C", "C", "D"};
    int[] labels = {1, 1, 1, 0, 0, 0, 0, 1};
    double[] scores = {af, af, normal, normal, invalid, af, normal, normal};
    MetricReport r = SplitAnswers.perRecord(ids, labels, scores);
    assertEquals(4, r.n());
    assertEquals(0.5, r.accuracy(), 1e-12);
    assertEquals(0.5, r.precision(), 1e-12);
    assertEquals(0.5, r.recall(), 1e-12);
    assertEquals(0.5, r.f1(), 1e-12);
  }
}
