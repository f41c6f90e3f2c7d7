package org.ecgpeft.jobs.ingest;

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
import org.ecgpeft.signal.EcgRecord;

/**
 * The ingest outcomes one pass read: valid records by label and rejects, counted while that pass writes the records
 * ({@link WrittenCounts}) instead of by a job of their own over a cached copy of the input. The labels are the closed
 * set of {@link EcgRecord#LABELS} plus unlabelled.
 */
final class OutcomeCounts {
    private static final String REJECTS = "rejects";
    private static final String UNLABELLED = "unlabelled";
    private static final List<String> LABELS =
            EcgRecord.LABELS.stream().sorted().toList();

    private final WrittenCounts written = new WrittenCounts("outcomes", "the ingest outcomes");

    /** {@code outcomes} (rows of {@link IngestRows#SCHEMA}) counted as they pass; write rows of the returned ones. */
    Dataset<Row> observe(Dataset<Row> outcomes) {
        Column record = col("kind").equalTo(IngestRows.RECORD);
        List<Column> counts = new ArrayList<>();
        for (int i = 0; i < LABELS.size(); i++) {
            counts.add(count_if(record.and(col("label").equalTo(LABELS.get(i)))).as(labelName(i)));
        }
        counts.add(count_if(record.and(col("label").isNull())).as(UNLABELLED));
        return written.observe(
                outcomes, count_if(col("kind").equalTo(IngestRows.REJECT)).as(REJECTS), counts.toArray(Column[]::new));
    }

    /**
     * The valid records by label ({@link IngestSummary#UNLABELLED} for none), non-zero counts only. Call after the
     * write has returned (it waits for Spark's report).
     */
    Map<String, Long> byLabel() {
        Map<String, Long> counts = written.get();
        Map<String, Long> out = new TreeMap<>();
        for (int i = 0; i < LABELS.size(); i++) {
            putNonZero(out, LABELS.get(i), counts.get(labelName(i)));
        }
        putNonZero(out, IngestSummary.UNLABELLED, counts.get(UNLABELLED));
        return out;
    }

    /** The rejects read. Call after the write has returned, as {@link #byLabel()}. */
    long rejected() {
        return written.get().get(REJECTS);
    }

    private static void putNonZero(Map<String, Long> out, String key, long n) {
        if (n > 0) {
            out.put(key, n);
        }
    }

    /** Column names by index: observed metric names stay plain whatever the label ({@code ~}). */
    private static String labelName(int index) {
        return "label_" + index;
    }
}
