package org.ecgpeft.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training curves: per study one loss chart and one chart per tracked metric, with a line per run and split
 * (train solid, validation dashed with markers).
 */
final class CurveCharts {

    private CurveCharts() {}

    static List<ChartFile> render(ReportData data, Path dir) {
        Map<String, ModelRun> runs = data.runsById();
        Map<String, List<CurvePoint>> byStudy = new LinkedHashMap<>();
        for (CurvePoint p : data.curves()) {
            byStudy.computeIfAbsent(runs.get(p.runId()).study(), k -> new ArrayList<>())
                    .add(p);
        }
        List<ChartFile> files = new ArrayList<>();
        byStudy.forEach((study, points) -> {
            chart(
                            "Loss (study " + study + ")",
                            "loss",
                            points,
                            runs,
                            CurvePoint::loss,
                            dir.resolve("curves-" + ChartStyle.slug(study) + "-loss.png"))
                    .ifPresent(files::add);
            Set<String> metrics = new LinkedHashSet<>();
            points.forEach(p -> metrics.add(p.metric()));
            // A "loss" metric's values are the points' losses, already drawn in the loss chart (and its file).
            metrics.remove("loss");
            for (String metric : metrics) {
                List<CurvePoint> ofMetric =
                        points.stream().filter(p -> p.metric().equals(metric)).toList();
                chart(
                                metric + " (study " + study + ")",
                                metric,
                                ofMetric,
                                runs,
                                CurvePoint::value,
                                dir.resolve(
                                        "curves-" + ChartStyle.slug(study) + "-" + ChartStyle.slug(metric) + ".png"))
                        .ifPresent(files::add);
            }
        });
        return files;
    }

    private static Optional<ChartFile> chart(
            String title,
            String yTitle,
            List<CurvePoint> points,
            Map<String, ModelRun> runs,
            ToDoubleFunction<CurvePoint> y,
            Path file) {
        // One line per (run, split); the loss and the metric may be logged at different points, so NaNs drop out.
        Map<String, List<CurvePoint>> lines = new LinkedHashMap<>();
        for (CurvePoint p : points) {
            if (!Double.isNaN(y.applyAsDouble(p))) {
                lines.computeIfAbsent(p.runId() + "\u0000" + p.split(), k -> new ArrayList<>())
                        .add(p);
            }
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        XYChart chart = ChartStyle.xy(title, "optimizer step", yTitle);
        Map<String, Color> runColours = new LinkedHashMap<>();
        lines.forEach((key, line) -> {
            CurvePoint first = line.get(0);
            ModelRun run = runs.get(first.runId());
            Color colour = runColours.computeIfAbsent(
                    first.runId(), k -> ChartStyle.PALETTE[runColours.size() % ChartStyle.PALETTE.length]);
            List<CurvePoint> sorted = new ArrayList<>(line);
            sorted.sort(Comparator.comparingLong(CurvePoint::step));
            double[] xs = sorted.stream().mapToDouble(CurvePoint::step).toArray();
            double[] ys = sorted.stream().mapToDouble(y).toArray();
            XYSeries series = chart.addSeries(run.runId() + " " + run.label() + " [" + first.split() + "]", xs, ys);
            series.setLineColor(colour);
            series.setMarkerColor(colour);
            boolean train = first.split().equals("train");
            series.setMarker(train ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            series.setLineStyle(
                    train
                            ? new BasicStroke(2f)
                            : new BasicStroke(
                                    2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        });
        return Optional.of(new ChartFile(ChartSection.CURVES, title, ChartStyle.save(chart, file)));
    }
}
