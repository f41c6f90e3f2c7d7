package org.ecgpeft.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_if;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.ecgpeft.signal.EcgRecord;

/**
 * The ingest outcomes one pass read: valid records by label and rejects, counted while that pass writes the records
 * (Spark's observed metrics of the written plan) instead of by a job of their own over a cached copy of the input.
 * The labels are the closed set of {@link EcgRecord#LABELS} plus unlabelled. The counts come from the write's final
 * stage, whose tasks Spark counts once each, so a retried task is not counted twice.
 */
final class OutcomeCounts {
    private static final String REJECTS = "rejects";
    private static final String UNLABELLED = "unlabelled";
    private static final List<String> LABELS =
            EcgRecord.LABELS.stream().sorted().toList();

    private final Observation observation =
            new Observation("outcomes_" + UUID.randomUUID().toString().replace('-', '_'));

    /** {@code outcomes} (rows of {@link IngestRows#SCHEMA}) counted as they pass; write rows of the returned ones. */
    Dataset<Row> observe(Dataset<Row> outcomes) {
        Column record = col("kind").equalTo(IngestRows.RECORD);
        List<Column> counts = new ArrayList<>();
        for (int i = 0; i < LABELS.size(); i++) {
            counts.add(count_if(record.and(col("label").equalTo(LABELS.get(i)))).as(labelName(i)));
        }
        counts.add(count_if(record.and(col("label").isNull())).as(UNLABELLED));
        return outcomes.observe(
                observation,
                count_if(col("kind").equalTo(IngestRows.REJECT)).as(REJECTS),
                counts.toArray(Column[]::new));
    }

    /** The valid records by label ({@link IngestSummary#UNLABELLED} for none), non-zero counts only. */
    Map<String, Long> byLabel() {
        Map<String, Object> metrics = metrics();
        Map<String, Long> out = new TreeMap<>();
        for (int i = 0; i < LABELS.size(); i++) {
            putNonZero(out, LABELS.get(i), metrics.get(labelName(i)));
        }
        putNonZero(out, IngestSummary.UNLABELLED, metrics.get(UNLABELLED));
        return out;
    }

    /** The rejects read. */
    long rejected() {
        return ((Number) metrics().get(REJECTS)).longValue();
    }

    /** Waits for Spark's report of the observed pass; call after the write has returned. */
    private Map<String, Object> metrics() {
        try {
            return observation.getAsJava();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the ingest counts", e);
        }
    }

    private static void putNonZero(Map<String, Long> out, String key, Object count) {
        long n = ((Number) count).longValue();
        if (n > 0) {
            out.put(key, n);
        }
    }

    /** Column names by index: observed metric names stay plain whatever the label ({@code ~}). */
    private static String labelName(int index) {
        return "label_" + index;
    }
}
