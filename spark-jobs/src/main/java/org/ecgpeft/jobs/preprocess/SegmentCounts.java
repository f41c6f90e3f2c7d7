package org.ecgpeft.jobs.preprocess;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_if;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ecgpeft.lake.WrittenCounts;
import org.ecgpeft.signal.RecordSplitter.Split;

/**
 * The segments a write stored, by split and label (0/1), counted while the write runs ({@link WrittenCounts})
 * instead of by reading the table back: no extra Spark job or Delta snapshot.
 */
final class SegmentCounts {
    private static final int[] LABELS = {0, 1};

    private final WrittenCounts written = new WrittenCounts("segments", "the written segments");

    /** {@code segments} (columns split and label) counted as they are written; write the returned rows. */
    Dataset<Row> observe(Dataset<Row> segments) {
        List<Column> counts = new ArrayList<>();
        for (Split split : Split.values()) {
            for (int label : LABELS) {
                counts.add(count_if(col("split")
                                .equalTo(split.tableName())
                                .and(col("label").equalTo(label)))
                        .as(name(split, label)));
            }
        }
        return written.observe(
                segments, counts.get(0), counts.subList(1, counts.size()).toArray(Column[]::new));
    }

    /**
     * The counts of the written rows, keyed by split table name then label; only non-zero counts. Call after the
     * write has returned (it waits for Spark's report of the write's metrics).
     */
    Map<String, Map<Integer, Long>> bySplitAndLabel() {
        Map<String, Long> counts = written.get();
        Map<String, Map<Integer, Long>> out = new TreeMap<>();
        for (Split split : Split.values()) {
            for (int label : LABELS) {
                long n = counts.get(name(split, label));
                if (n > 0) {
                    out.computeIfAbsent(split.tableName(), s -> new TreeMap<>()).put(label, n);
                }
            }
        }
        return out;
    }

    private static String name(Split split, int label) {
        return split.tableName() + "_" + label;
    }
}
