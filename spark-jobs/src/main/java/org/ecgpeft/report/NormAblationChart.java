package org.ecgpeft.report;

import java.awt.Font;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.style.Styler;

/** Bars of the headline metric per configuration, one bar per normalisation mode. */
final class NormAblationChart {

    private NormAblationChart() {}

    static Optional<ChartFile> render(ReportData data, ReportSettings settings, Path dir) {
        List<NormAblation.Row> rows = NormAblation.rows(data, settings);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String title = "Normalisation ablation: " + settings.metric() + " (" + settings.split() + ", "
                + settings.level() + " level)";
        CategoryChart chart = ChartStyle.category(title, "model / PEFT", settings.metric());
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        // Bar labels use the axis pattern: three decimals so small ablation differences stay visible.
        chart.getStyler().setYAxisDecimalPattern("0.000");
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsPosition(0.93);
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        chart.getStyler().setAvailableSpaceFill(rows.size() < 3 ? 0.45 : 0.8);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        List<String> labels = rows.stream().map(NormAblation.Row::label).toList();
        for (String mode : NormAblation.modes(rows)) {
            List<Double> values =
                    rows.stream().map(r -> r.byMode().getOrDefault(mode, 0.0)).toList();
            chart.addSeries(mode, labels, values);
        }
        Path file = dir.resolve("norm-ablation.png");
        return Optional.of(new ChartFile(ChartSection.NORM_ABLATION, title, ChartStyle.save(chart, file)));
    }
}
