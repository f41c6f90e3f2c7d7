package org.ecgpeft.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The headline metric of every run per {@code ecg_records} version: one line per run and group (the report's
 * split, and the records new since the run's training), so a model that degrades on new data shows as a falling
 * line. Drawn only when some run was evaluated on more than one records version.
 */
final class DriftChart {

    private DriftChart() {}

    static Optional<ChartFile> render(ReportData data, ReportSettings settings, Path dir) {
        Map<String, TreeMap<Long, Double>> lines = new TreeMap<>();
        for (DriftPoint p : data.drift()) {
            lines.computeIfAbsent(p.runId() + " (" + p.group() + ")", k -> new TreeMap<>())
                    .put(p.recordsVersion(), p.value());
        }
        if (lines.values().stream().noneMatch(l -> l.size() > 1)) {
            return Optional.empty();
        }
        String title = "Drift: " + settings.metric() + " (" + settings.level() + " level) per ecg_records version";
        XYChart chart = ChartStyle.xy(title, "ecg_records version", settings.metric());
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        lines.forEach((name, points) -> {
            XYSeries s = chart.addSeries(name, List.copyOf(points.keySet()), List.copyOf(points.values()));
            s.setMarker(SeriesMarkers.CIRCLE);
        });
        return Optional.of(new ChartFile(ChartSection.DRIFT, title, ChartStyle.save(chart, dir.resolve("drift.png"))));
    }
}
