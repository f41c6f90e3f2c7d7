package org.ecgpeft.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ecgpeft.eval.RocPoint;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** ROC curves, one chart per split/level, AUROC in each legend entry, chance diagonal dashed. */
final class RocChart {

    private RocChart() {}

    static List<ChartFile> render(ReportData data, Path dir) {
        Map<String, List<RocSeries>> byEval = new LinkedHashMap<>();
        data.rocs()
                .forEach(r -> byEval.computeIfAbsent(r.split() + "\u0000" + r.level(), k -> new ArrayList<>())
                        .add(r));
        List<ChartFile> files = new ArrayList<>();
        Map<String, ModelRun> runs = data.runsById();
        byEval.forEach((key, curves) -> {
            RocSeries first = curves.get(0);
            String title = "ROC (" + first.split() + ", " + first.level() + " level)";
            XYChart chart = ChartStyle.xy(title, "false positive rate", "true positive rate", 900, 700);
            chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
            chart.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
            for (RocSeries roc : curves) {
                ModelRun run = runs.get(roc.runId());
                XYSeries s = chart.addSeries(
                        String.format(Locale.ROOT, "%s %s (AUROC %.3f)", roc.runId(), run.label(), roc.auroc()),
                        roc.points().stream().mapToDouble(RocPoint::fpr).toArray(),
                        roc.points().stream().mapToDouble(RocPoint::tpr).toArray());
                s.setMarker(SeriesMarkers.NONE);
                s.setLineStyle(new BasicStroke(2f));
            }
            XYSeries chance = chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1});
            chance.setMarker(SeriesMarkers.NONE);
            chance.setLineColor(Color.GRAY);
            chance.setLineStyle(
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 5f}, 0f));
            Path file = dir.resolve(
                    "roc-" + ChartStyle.slug(first.split()) + "-" + ChartStyle.slug(first.level()) + ".png");
            files.add(new ChartFile(ChartSection.ROC, title, ChartStyle.save(chart, file)));
        });
        return files;
    }
}
