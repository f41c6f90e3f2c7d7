package org.ecgpeft.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.style.Styler;

/** Grouped bars: accuracy, precision, recall, F1 (and AUROC, AUPRC when present) per run. */
final class MetricBarChart {

    private MetricBarChart() {}

    static Optional<ChartFile> render(ReportData data, ReportSettings settings, Path dir) {
        MetricLookup metrics = new MetricLookup(data.metrics(), settings.split(), settings.level());
        List<ModelRun> scored = data.runs().stream()
                .filter(r -> MetricLookup.HEADLINE.stream().anyMatch(m -> metrics.has(r.runId(), m)))
                .toList();
        if (scored.isEmpty()) {
            return Optional.empty();
        }
        String title = "Metrics (" + settings.split() + ", " + settings.level() + " level)";
        CategoryChart chart = ChartStyle.category(title, "run", "value");
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        // Upright labels, each centred under its bars: slanted ones ran off the plot at both ends and XChart then
        // dropped the first and last run's label. The run id already names family and PEFT method.
        chart.getStyler().setXAxisLabelRotation(scored.size() > 4 ? 90 : 0);
        List<String> labels =
                scored.stream().map(r -> r.runId() + r.normSuffix()).toList();
        for (String metric : MetricLookup.HEADLINE) {
            if (scored.stream().noneMatch(r -> metrics.has(r.runId(), metric))) {
                continue;
            }
            // A missing value is drawn as a zero-height bar so categories stay aligned across series.
            List<Double> values = new ArrayList<>();
            scored.forEach(r -> values.add(metrics.has(r.runId(), metric) ? metrics.get(r.runId(), metric) : 0.0));
            chart.addSeries(metric, labels, values);
        }
        Path file = dir.resolve("metrics-" + ChartStyle.slug(settings.split()) + "-" + settings.level() + ".png");
        return Optional.of(new ChartFile(ChartSection.METRICS, title, ChartStyle.save(chart, file)));
    }
}
