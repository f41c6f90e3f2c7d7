package org.ecgpeft.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.ecgpeft.eval.RocPoint;

/**
 * The ROC curve of one run on one split/level, as computed by {@link org.ecgpeft.eval.RocCurve#points}, with the
 * average precision of the same scores (the curve's AUROC does not show how AF, the minority class, is ranked).
 *
 * @param runId  run id
 * @param split  split evaluated
 * @param level  {@code segment} or {@code record}
 * @param points curve points (any order; rates in [0, 1]); at least two
 * @param auprc  average precision ({@link org.ecgpeft.eval.AveragePrecision}) of the scores behind the curve
 */
public record RocSeries(String runId, String split, String level, List<RocPoint> points, double auprc) {

    public RocSeries {
        Require.text(runId, "roc.runId");
        String where = "roc[" + runId + "].";
        Require.text(split, where + "split");
        Require.text(level, where + "level");
        Objects.requireNonNull(points, where + "points");
        Require.unitOrNaN(auprc, where + "auprc");
        if (points.size() < 2) {
            throw new IllegalArgumentException(where + "points must hold at least 2 points, got " + points.size());
        }
        List<RocPoint> sorted = new ArrayList<>(points);
        for (RocPoint p : sorted) {
            Require.unitOrNaN(p.fpr(), where + "fpr");
            Require.unitOrNaN(p.tpr(), where + "tpr");
            if (Double.isNaN(p.fpr()) || Double.isNaN(p.tpr())) {
                throw new IllegalArgumentException(where + "points must not hold NaN rates: " + p);
            }
        }
        // Sorting by (fpr, tpr) orders the curve from (0,0) to (1,1) whatever the threshold convention was.
        sorted.sort(Comparator.comparingDouble(RocPoint::fpr).thenComparingDouble(RocPoint::tpr));
        points = List.copyOf(sorted);
    }

    /** Trapezoidal area under the points; equals the exact AUROC when every threshold is present. */
    public double auroc() {
        double area = 0;
        for (int i = 1; i < points.size(); i++) {
            RocPoint a = points.get(i - 1);
            RocPoint b = points.get(i);
            area += (b.fpr() - a.fpr()) * (a.tpr() + b.tpr()) / 2;
        }
        return area;
    }
}
