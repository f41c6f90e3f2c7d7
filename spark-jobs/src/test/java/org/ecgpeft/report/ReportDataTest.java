package org.ecgpeft.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ecgpeft.eval.RocPoint;
import org.junit.jupiter.api.Test;

class ReportDataTest {

    @Test
    void labelsNameTheNormalisationOnlyWhenItIsNotTheDefault() {
        assertEquals(
                "wav2vec2 / lora",
                new ModelRun("a", "s", "wav2vec2", "lora", "per-segment", 10, 100, "{}", 1, 1, 1).label());
        assertEquals(
                "wav2vec2 / lora (global)",
                new ModelRun("a", "s", "wav2vec2", "lora", "global", 10, 100, "{}", 1, 1, 1).label());
    }

    @Test
    void rejectsRowsNamingUnknownRuns() {
        ModelRun run = new ModelRun("a", "s", "f", "lora", "per-segment", 10, 100, "{}", 1, 1, 1);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new ReportData(
                        ReportFixtures.dataset(List.of()),
                        List.of(run),
                        List.of(),
                        List.of(new MetricRow("b", "test", "segment", "f1", 0.5)),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of()));
        assertTrue(
                e.getMessage().contains("report.metrics") && e.getMessage().contains("unknown run id b"),
                e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new ReportData(
                        ReportFixtures.dataset(List.of()),
                        List.of(run, run),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of()));
    }

    @Test
    void validatesRecordsWithMessagesNamingTheKey() {
        IllegalArgumentException params = assertThrows(
                IllegalArgumentException.class,
                () -> new ModelRun("a", "s", "f", "lora", "per-segment", 200, 100, "{}", 1, 1, 1));
        assertTrue(params.getMessage().contains("run[a].totalParams"), params.getMessage());
        IllegalArgumentException f1 = assertThrows(
                IllegalArgumentException.class,
                () -> new ComparisonRow("x", "llm", "test", 0.9, 0.9, 0.9, 1.5, Double.NaN, Double.NaN, 0));
        assertTrue(f1.getMessage().contains("comparison[x].f1"), f1.getMessage());
        IllegalArgumentException level =
                assertThrows(IllegalArgumentException.class, () -> new ReportSettings("test", "patient", "f1"));
        assertTrue(level.getMessage().contains("report.level"), level.getMessage());
    }

    @Test
    void rocAreaIsTheTrapezoidOverSortedPoints() {
        // unsorted input; (0,0) (0.05,0.5) (0.1,0.85) (1,1): 0.05*0.25 + 0.05*0.675 + 0.9*0.925 = 0.87875
        RocSeries roc = new RocSeries(
                "a",
                "test",
                "segment",
                List.of(
                        new RocPoint(1, 1, 0),
                        new RocPoint(0.1, 0.85, 0.5),
                        new RocPoint(0, 0, Double.POSITIVE_INFINITY),
                        new RocPoint(0.05, 0.5, 0.9)),
                0.9);
        assertEquals(0.87875, roc.auroc(), 1e-12);
        assertEquals(
                0.5,
                new RocSeries("b", "test", "segment", List.of(new RocPoint(0, 0, 1), new RocPoint(1, 1, 0)), Double.NaN)
                        .auroc(),
                1e-12);
    }

    @Test
    void classifiesPeftMethods() {
        assertEquals(PeftKind.LORA, PeftKind.of("LoRA-r16"));
        assertEquals(PeftKind.ADAPTER, PeftKind.of("houlsby"));
        assertEquals(PeftKind.ADAPTER, PeftKind.of("pfeiffer"));
        assertEquals(PeftKind.OTHER, PeftKind.of("none"));
    }
}
