package org.ecgpeft.jobs.mscnn;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.train.SegmentDataset;
import org.ecgpeft.train.mscnn.EvaluationWindows;

/** Collects the windows of one split of {@code ecg_segments} to the driver, in a deterministic order. */
final class SegmentWindows {
    private SegmentWindows() {}

    /**
     * The split's windows with labels and record ids, ordered by (record_id, segment_idx).
     *
     * @param segments rows of one data version with record_id, segment_idx, split, label and signal
     */
    static EvaluationWindows collect(Dataset<Row> segments, String split, double sampleRateHz) {
        List<Row> rows = segments.filter(col("split").equalTo(split))
                .select("record_id", "segment_idx", "label", "signal")
                .orderBy("record_id", "segment_idx")
                .collectAsList();
        if (rows.isEmpty()) {
            throw new IllegalStateException("the " + split + " split of ecg_segments is empty: need more records");
        }
        float[][] windows = new float[rows.size()][];
        int[] labels = new int[rows.size()];
        String[] ids = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            ids[i] = r.getString(0);
            labels[i] = r.getInt(2);
            windows[i] = Floats.of(r, 3);
        }
        return new EvaluationWindows(new SegmentDataset(windows, labels, sampleRateHz), ids);
    }
}
