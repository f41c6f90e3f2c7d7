package org.ecgpeft.jobs.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricRowsTest {
    private static double value(List<MetricValue> values, String split, String level, String metric) {
        return new EvaluationResult("r", "v", 0, values).value(split, level, metric);
    }

    @Test
    void segmentAndRecordLevelByHand() {
        // Record a (label 1): probs 0.9, 0.2 -> mean 0.55 -> 1. Record b (label 0): 0.6, 0.1 -> 0.35 -> 0.
        // Record c (label 1): 0.4 -> 0. Segment level: tp 1 (0.9), fn 2 (0.2, 0.4), fp 1 (0.6), tn 1 (0.1).
        List<ScoredSegment> s = List.of(
                new ScoredSegment("test", "a", 1, 0.9, 1),
                new ScoredSegment("test", "a", 1, 0.2, 0),
                new ScoredSegment("test", "b", 0, 0.6, 1),
                new ScoredSegment("test", "b", 0, 0.1, 0),
                new ScoredSegment("test", "c", 1, 0.4, 0));
        List<MetricValue> m = MetricRows.compute(s, 0.5);
        assertEquals(1, value(m, "test", "segment", "tp"));
        assertEquals(2, value(m, "test", "segment", "fn"));
        assertEquals(1, value(m, "test", "segment", "fp"));
        assertEquals(0.4, value(m, "test", "segment", "accuracy"), 1e-12);
        assertEquals(2.0 / 5, value(m, "test", "segment", "f1"), 1e-12);
        // AUROC: positives {0.9, 0.2, 0.4} vs negatives {0.6, 0.1}: pairs won 2 + 1 + 1 = 4 of 6.
        assertEquals(4.0 / 6, value(m, "test", "segment", "auroc"), 1e-12);
        assertEquals(3, value(m, "test", "record", "n"));
        assertEquals(1, value(m, "test", "record", "tp"));
        assertEquals(1, value(m, "test", "record", "tn"));
        assertEquals(1, value(m, "test", "record", "fn"));
        // Record scores a 0.55, c 0.4 vs b 0.35: AUROC 1.
        assertEquals(1.0, value(m, "test", "record", "auroc"), 1e-12);
    }

    @Test
    void undefinedAurocOfASingleClassSplitGetsNoRow() {
        List<MetricValue> m = MetricRows.compute(
                List.of(new ScoredSegment("val", "a", 0, 0.3, 0), new ScoredSegment("val", "b", 0, 0.7, 1)), 0.5);
        assertFalse(m.stream().anyMatch(v -> v.metric().equals("auroc")));
        assertEquals(2 * 14, m.size());
        assertEquals(0.5, value(m, "val", "segment", "accuracy"), 1e-12);
    }
}
