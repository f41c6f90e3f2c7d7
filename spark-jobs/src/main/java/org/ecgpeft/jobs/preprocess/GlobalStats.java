package org.ecgpeft.jobs.preprocess;

import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.signal.ZScore;
import scala.Tuple3;

/**
 * Mean and std of all samples of a set of records, computed with Spark: each partition folds its signals
 * into {@link ZScore.Moments} (numerically stable Welford/Chan updates) and the driver merges the few
 * partition results.
 */
final class GlobalStats {
    private GlobalStats() {}

    /** Moments over column {@code signalIndex} of every row. */
    static ZScore.Moments of(JavaRDD<Row> rows, int signalIndex) {
        List<Tuple3<Long, Double, Double>> parts = rows.mapPartitions(it -> {
                    ZScore.Moments m = new ZScore.Moments(0, 0, 0);
                    while (it.hasNext()) {
                        m = m.add(Floats.of(it.next(), signalIndex));
                    }
                    return Collections.singletonList(new Tuple3<>(m.n(), m.mean(), m.m2()))
                            .iterator();
                })
                .collect();
        ZScore.Moments total = new ZScore.Moments(0, 0, 0);
        for (Tuple3<Long, Double, Double> p : parts) {
            total = total.merge(new ZScore.Moments(p._1(), p._2(), p._3()));
        }
        return total;
    }
}
