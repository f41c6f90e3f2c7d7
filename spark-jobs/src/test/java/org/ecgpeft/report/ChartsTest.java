package org.ecgpeft.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

    @TempDir
    Path dir;

    @Test
    void rendersEveryChartAsValidPng() throws IOException {
        ReportData data = ReportFixtures.data(List.of("cinc2017"), 1_380_000L);
        List<ChartFile> charts = new Charts(dir).renderAll(data, ReportSettings.defaults());

        Map<ChartSection, Long> perSection =
                charts.stream().collect(Collectors.groupingBy(ChartFile::section, Collectors.counting()));
        assertEquals(1L, perSection.get(ChartSection.METRICS));
        assertEquals(1L, perSection.get(ChartSection.NORM_ABLATION));
        assertEquals(4L, perSection.get(ChartSection.CURVES), "loss + f1 for each of the 2 studies");
        assertEquals(4L, perSection.get(ChartSection.CONFUSION), "one per confusion row");
        assertEquals(1L, perSection.get(ChartSection.ROC), "one per split/level");
        assertEquals(3L, perSection.get(ChartSection.TRADE_OFF), "params, step time, memory");
        for (ChartFile chart : charts) {
            assertTrue(chart.file().startsWith(dir), chart.file().toString());
            assertTrue(Files.size(chart.file()) > 0, chart.file().toString());
            BufferedImage image = ImageIO.read(chart.file().toFile());
            assertNotNull(image, "not a readable PNG: " + chart.file());
            assertTrue(
                    image.getWidth() >= 500 && image.getHeight() >= 500,
                    chart.file().toString());
        }
        assertTrue(Files.exists(dir.resolve("curves-peft-loss.png")));
        assertTrue(Files.exists(dir.resolve("curves-mscnn-llm-f1.png")));
        assertTrue(Files.exists(dir.resolve("confusion-m1-test-segment.png")));
    }

    @Test
    void skipsChartsWithoutData() {
        ReportData data = new ReportData(
                ReportFixtures.dataset(List.of("synthetic")),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        assertEquals(List.of(), new Charts(dir).renderAll(data, ReportSettings.defaults()));
    }
}
