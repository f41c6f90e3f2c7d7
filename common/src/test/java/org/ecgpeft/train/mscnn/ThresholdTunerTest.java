package org.ecgpeft.train.mscnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.ecgpeft.eval.RecordPrediction;
import org.junit.jupiter.api.Test;

class ThresholdTunerTest {

    private static RecordPrediction r(String id, int label, double score) {
        return new RecordPrediction(id, label, score, score >= 0.5 ? 1 : 0, 1);
    }

    @Test
    void picksTheScoreThatSeparatesTheClassesBest() {
        // At 0.5 two normals are false positives (F1 2/3); from 0.8 up every record is right.
        List<RecordPrediction> records =
                List.of(r("a", 0, 0.1), r("b", 0, 0.6), r("c", 0, 0.7), r("d", 1, 0.8), r("e", 1, 0.95));
        assertEquals(0.8, ThresholdTuner.maxF1Threshold(records));
    }

    @Test
    void perfectSeparationAndTiesNearestOneHalf() {
        List<RecordPrediction> records = List.of(r("a", 0, 0.2), r("b", 1, 0.45), r("c", 1, 0.9), r("d", 0, 0.3));
        assertEquals(0.45, ThresholdTuner.maxF1Threshold(records), "the lowest AF score separates perfectly");
        // Without AF records every threshold scores F1 0: the one nearest 0.5 wins.
        List<RecordPrediction> tie = List.of(r("a", 0, 0.1), r("b", 0, 0.45), r("c", 0, 0.9));
        assertEquals(0.45, ThresholdTuner.maxF1Threshold(tie));
        assertThrows(IllegalArgumentException.class, () -> ThresholdTuner.maxF1Threshold(List.of()));
    }
}
