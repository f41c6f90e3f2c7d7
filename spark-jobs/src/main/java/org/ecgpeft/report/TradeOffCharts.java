package org.ecgpeft.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Cost vs quality scatter plots, one point per run: trainable parameters (log axis), step time and peak memory
 * against the headline metric. Marker shape encodes the PEFT kind, so LoRA and adapters separate at a glance.
 */
final class TradeOffCharts {

    private TradeOffCharts() {}

    static List<ChartFile> render(ReportData data, ReportSettings settings, Path dir) {
        List<ChartFile> files = new ArrayList<>();
        scatter(data, settings, "trainable parameters (log scale)", "params", r -> r.trainableParams(), true, dir)
                .ifPresent(files::add);
        scatter(data, settings, "step time (ms)", "step-time", ModelRun::stepMillis, false, dir)
                .ifPresent(files::add);
        scatter(data, settings, "peak memory (GiB)", "memory", ModelRun::peakMemoryGiB, false, dir)
                .ifPresent(files::add);
        return files;
    }

    private static Optional<ChartFile> scatter(
            ReportData data,
            ReportSettings settings,
            String xTitle,
            String name,
            ToDoubleFunction<ModelRun> x,
            boolean logX,
            Path dir) {
        MetricLookup metrics = new MetricLookup(data.metrics(), settings.split(), settings.level());
        // A log axis cannot show 0, and unmeasured costs (NaN) have no position: both are left out.
        List<ModelRun> plotted = data.runs().stream()
                .filter(r -> metrics.has(r.runId(), settings.metric()))
                .filter(r -> !Double.isNaN(x.applyAsDouble(r)) && (!logX || x.applyAsDouble(r) > 0))
                .toList();
        if (plotted.isEmpty()) {
            return Optional.empty();
        }
        String title = settings.metric() + " vs " + xTitle.replace(" (log scale)", "") + " (" + settings.split() + ", "
                + settings.level() + " level)";
        XYChart chart = ChartStyle.xy(title, xTitle, settings.metric());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(14);
        if (logX) {
            // Whole decades around the data, so the log axis always shows at least two labelled ticks.
            double min = plotted.stream().mapToDouble(x).min().orElseThrow();
            double max = plotted.stream().mapToDouble(x).max().orElseThrow();
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setXAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
            chart.getStyler()
                    .setXAxisMax(Math.pow(10, Math.max(Math.ceil(Math.log10(max)), Math.floor(Math.log10(min)) + 1)));
            chart.getStyler().setXAxisDecimalPattern("#,##0");
        }
        chart.getStyler().setYAxisDecimalPattern("0.000");
        for (ModelRun run : plotted) {
            XYSeries s = chart.addSeries(
                    run.runId() + ": " + run.label(),
                    new double[] {x.applyAsDouble(run)},
                    new double[] {metrics.get(run.runId(), settings.metric())});
            s.setMarker(marker(PeftKind.of(run.peft())));
        }
        Path file = dir.resolve("tradeoff-" + name + ".png");
        return Optional.of(new ChartFile(ChartSection.TRADE_OFF, title, ChartStyle.save(chart, file)));
    }

    private static Marker marker(PeftKind kind) {
        return switch (kind) {
            case LORA -> SeriesMarkers.CIRCLE;
            case ADAPTER -> SeriesMarkers.DIAMOND;
            case OTHER -> SeriesMarkers.SQUARE;
        };
    }
}
