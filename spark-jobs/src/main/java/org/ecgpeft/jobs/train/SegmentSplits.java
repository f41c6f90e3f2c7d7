package org.ecgpeft.jobs.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.lake.runs.RunRegistry;
import org.ecgpeft.train.SegmentDataset;

/** Reads one split of {@code ecg_segments} onto the driver as a {@link SegmentDataset}. */
final class SegmentSplits {

    private final Lake lake;

    SegmentSplits(Lake lake) {
        this.lake = lake;
    }

    /**
     * The data version to train on for a norm mode: the given one, or the one built from the newest
     * {@code ecg_records} version ({@code records@vN/...}; ties broken by name).
     */
    String dataVersion(String normMode, Optional<String> requested) {
        List<String> versions = lake.read(Table.ECG_SEGMENTS)
                .filter(col("norm_mode").equalTo(normMode))
                .select("data_version")
                .distinct()
                .as(Encoders.STRING())
                .collectAsList();
        if (requested.isPresent()) {
            if (!versions.contains(requested.get())) {
                throw new IllegalArgumentException("--data-version " + requested.get() + " has no " + normMode
                        + " segments in " + lake.path(Table.ECG_SEGMENTS) + " (versions: " + versions + ")");
            }
            return requested.get();
        }
        return versions.stream()
                .max(Comparator.comparingLong(RunRegistry::recordsVersion).thenComparing(Comparator.naturalOrder()))
                .orElseThrow(() -> new IllegalStateException("ecg_segments at " + lake.path(Table.ECG_SEGMENTS)
                        + " has no " + normMode + " segments (run preprocess --norm " + normMode + " first)"));
    }

    /**
     * The segments of one split in a fixed order (by record and index). With {@code max > 0}, a fixed sample
     * of at most {@code max / 2} segments per label (hash order), so a quick run still sees both classes
     * even when AF is rare.
     */
    SegmentDataset read(String dataVersion, String normMode, String split, double sampleRateHz, int max) {
        Dataset<Row> rows = lake.read(Table.ECG_SEGMENTS)
                .filter(col("data_version")
                        .equalTo(dataVersion)
                        .and(col("norm_mode").equalTo(normMode))
                        .and(col("split").equalTo(split)))
                .select("record_id", "segment_idx", "label", "signal");
        if (max > 0) {
            WindowSpec byHash = Window.partitionBy("label")
                    .orderBy(xxhash64(col("record_id"), col("segment_idx")), col("record_id"), col("segment_idx"));
            rows = rows.withColumn("rank", row_number().over(byHash))
                    .filter(col("rank").leq((max + 1) / 2))
                    .drop("rank");
        }
        rows = rows.orderBy("record_id", "segment_idx");
        List<Row> collected = rows.collectAsList();
        if (collected.isEmpty()) {
            throw new IllegalStateException("no " + split + " segments for " + dataVersion + " (" + normMode + ")");
        }
        float[][] segments = new float[collected.size()][];
        int[] labels = new int[collected.size()];
        for (int i = 0; i < segments.length; i++) {
            Row r = collected.get(i);
            segments[i] = Floats.of(r, 3);
            labels[i] = r.getInt(2);
        }
        return new SegmentDataset(segments, labels, sampleRateHz);
    }
}
