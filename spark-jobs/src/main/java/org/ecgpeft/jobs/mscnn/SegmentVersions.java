package org.ecgpeft.jobs.mscnn;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;

/** Picks the {@code ecg_segments} data version a job works on. */
public final class SegmentVersions {
    private SegmentVersions() {}

    /**
     * The requested data version (checked to exist with windows of {@code windowLength} samples) or, when none
     * is requested, the only data version whose windows have that length.
     */
    public static String resolve(Lake lake, Optional<String> requested, int windowLength) {
        Dataset<Row> segments = lake.read(Table.ECG_SEGMENTS);
        List<String> matching = segments.filter(
                        Floats.sampleCount(segments, "signal").equalTo(windowLength))
                .select("data_version")
                .distinct()
                .orderBy("data_version")
                .as(Encoders.STRING())
                .collectAsList();
        if (requested.isPresent()) {
            if (!matching.contains(requested.get())) {
                throw new IllegalArgumentException("--data-version " + requested.get() + " has no " + windowLength
                        + "-sample windows in ecg_segments (data versions with such windows: " + matching + ")");
            }
            return requested.get();
        }
        if (matching.isEmpty()) {
            throw new IllegalStateException(
                    "ecg_segments has no " + windowLength + "-sample windows: run preprocess --window " + windowLength
                            + " --stride " + windowLength + " first");
        }
        if (matching.size() > 1) {
            throw new IllegalArgumentException("several data versions have " + windowLength
                    + "-sample windows, choose one with --data-version: " + matching);
        }
        return matching.get(0);
    }
}
