package org.ecgpeft.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders every report chart as PNG into one folder: metric bars, normalisation ablation, training curves,
 * confusion heat maps, ROC curves, cost-vs-quality scatter plots and drift across records versions. Charts without data are skipped, not
 * drawn empty. Works headless (sets {@code java.awt.headless=true} unless the caller chose otherwise).
 */
public final class Charts {

    private final Path dir;

    /** @param dir output folder, created when missing */
    public Charts(Path dir) {
        this.dir = Objects.requireNonNull(dir, "charts.dir");
        // Must be decided before AWT initialises; a cluster driver has no display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Renders all charts and returns them in report order. */
    public List<ChartFile> renderAll(ReportData data, ReportSettings settings) {
        List<ChartFile> files = new ArrayList<>();
        MetricBarChart.render(data, settings, dir).ifPresent(files::add);
        NormAblationChart.render(data, settings, dir).ifPresent(files::add);
        files.addAll(CurveCharts.render(data, dir));
        files.addAll(ConfusionHeatMaps.render(data, dir));
        files.addAll(RocChart.render(data, dir));
        files.addAll(TradeOffCharts.render(data, settings, dir));
        DriftChart.render(data, settings, dir).ifPresent(files::add);
        return files;
    }
}
