package org.ecgpeft.report;

import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

/** One 2x2 heat map per confusion row: actual class (rows) by predicted class (columns), counts in the cells. */
final class ConfusionHeatMaps {

    private static final List<String> CLASSES = List.of("Normal", "AF");

    private ConfusionHeatMaps() {}

    static List<ChartFile> render(ReportData data, Path dir) {
        List<ChartFile> files = new ArrayList<>();
        Map<String, ModelRun> runs = data.runsById();
        for (ConfusionCounts c : data.confusions()) {
            ModelRun run = runs.get(c.runId());
            String title = "Confusion " + c.runId() + ": " + run.label() + " (" + c.split() + ", " + c.level() + ")";
            HeatMapChart chart = new HeatMapChartBuilder()
                    .width(620)
                    .height(540)
                    .title(title)
                    .xAxisTitle("predicted")
                    .yAxisTitle("actual")
                    .build();
            style(chart.getStyler(), Math.max(1, Math.max(Math.max(c.tp(), c.fp()), Math.max(c.tn(), c.fn()))));
            // Heat cells are {x index, y index, value}; y index 0 is drawn at the bottom, so AF sits on top.
            List<Number[]> cells = List.of(
                    new Number[] {0, 0, c.tn()}, new Number[] {1, 0, c.fp()},
                    new Number[] {0, 1, c.fn()}, new Number[] {1, 1, c.tp()});
            chart.addSeries("count", CLASSES, CLASSES, cells);
            Path file = dir.resolve("confusion-" + ChartStyle.slug(c.runId()) + "-" + ChartStyle.slug(c.split()) + "-"
                    + c.level() + ".png");
            files.add(new ChartFile(ChartSection.CONFUSION, title, ChartStyle.save(chart, file)));
        }
        return files;
    }

    private static void style(HeatMapStyler styler, long max) {
        ChartStyle.axes(styler);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setShowValue(true);
        styler.setValueFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        styler.setValueFontColor(Color.BLACK);
        styler.setHeatMapValueDecimalPattern("#,##0");
        styler.setMin(0);
        styler.setMax(max);
        styler.setRangeColors(new Color[] {new Color(247, 251, 255), new Color(107, 174, 214), new Color(8, 81, 156)});
        styler.setPlotGridLinesVisible(false);
        styler.setDrawBorder(true);
    }
}
