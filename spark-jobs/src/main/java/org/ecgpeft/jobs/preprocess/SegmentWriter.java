package org.ecgpeft.jobs.preprocess;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.lake.Table;
import org.ecgpeft.signal.WindowSpec;
import org.ecgpeft.signal.Windowing;
import org.ecgpeft.signal.ZScore;

/**
 * Cuts labelled records into z-scored windows on the executors, producing {@code ecg_segments} rows.
 * Input rows: {@code record_id, label (N|A), split, signal}. Shared by preprocess and the jobs that prepare
 * newer records with a trained model's own recipe (evaluate, predict).
 */
public final class SegmentWriter {
    private SegmentWriter() {}

    /**
     * The {@code ecg_segments} rows of {@code records} (columns record_id, label, split, signal, in that order)
     * windowed and z-scored as {@code config} says.
     *
     * @param mean global mean (ignored for per-segment mode)
     * @param std  global std (ignored for per-segment mode)
     */
    public static Dataset<Row> segments(
            SparkSession spark,
            Dataset<Row> records,
            PreprocessConfig config,
            double mean,
            double std,
            String dataVersion) {
        return spark.createDataFrame(
                segments(
                        records.select("record_id", "label", "split", "signal").javaRDD(),
                        config.window(),
                        config.norm(),
                        mean,
                        std,
                        dataVersion),
                Table.ECG_SEGMENTS.schema());
    }

    /**
     * @param mean global mean (ignored for per-segment mode)
     * @param std  global std (ignored for per-segment mode)
     */
    static JavaRDD<Row> segments(
            JavaRDD<Row> records, WindowSpec window, NormMode norm, double mean, double std, String dataVersion) {
        int length = window.length();
        int stride = window.stride();
        var pad = window.pad();
        return records.flatMap(r -> {
            float[] signal = Floats.of(r, 3);
            int label = "A".equals(r.getString(1)) ? 1 : 0;
            List<float[]> windows = Windowing.windows(signal, new WindowSpec(length, stride, pad));
            List<Row> out = new ArrayList<>(windows.size());
            for (int i = 0; i < windows.size(); i++) {
                float[] w = norm == NormMode.GLOBAL
                        ? ZScore.global(windows.get(i), mean, std)
                        : ZScore.perSegment(windows.get(i));
                out.add(RowFactory.create(
                        r.getString(0), i, label, r.getString(2), norm.label(), Floats.encode(w), dataVersion));
            }
            return out.iterator();
        });
    }
}
