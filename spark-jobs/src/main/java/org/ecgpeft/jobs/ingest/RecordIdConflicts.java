package org.ecgpeft.jobs.ingest;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Keeps one source from silently overwriting another's record: {@code ecg_records} is keyed by
 * {@code record_id}, so an incoming record whose id is already stored from ANOTHER source with different
 * content, or that arrives from several inputs of one run with different content, is rejected with the
 * reason instead of replacing the stored one. The same source re-ingesting changed content (a corrected
 * file or label) updates its record; identical content from anywhere is a no-op.
 *
 * <p>Checks that cannot find anything are skipped: the in-run check when the records come from one source
 * (each source's ids are unique by construction: CSV line numbers, WFDB record names, generator indices), the
 * check against the table when it has no rows yet.
 */
final class RecordIdConflicts {
    private static final Seq<String> ROW_IDENTITY = seq(List.of("record_id", "source", "content_hash"));
    private static final StructType REFUSED = new StructType()
            .add("record_id", DataTypes.StringType, true)
            .add("source", DataTypes.StringType, false)
            .add("content_hash", DataTypes.StringType, true)
            .add("locator", DataTypes.StringType, true)
            .add("reason", DataTypes.StringType, false);

    private final Dataset<Row> rejects;
    private final Dataset<Row> accepted;
    private final boolean any;
    private final boolean repeats;

    /**
     * @param records   the incoming record outcome rows (record_id, source, content_hash, locator, ...)
     * @param lake      the table root whose {@code ecg_records} they would be merged into; the refused ids are
     *                  computed here, at once (Spark jobs over the ids only)
     * @param oneSource whether the records come from a single source, whose ids are then unique
     * @param storedRows whether {@code ecg_records} may hold rows ({@link Lake#mayHaveRows}); without, nothing
     *     stored can conflict
     */
    RecordIdConflicts(Dataset<Row> records, Lake lake, boolean oneSource, boolean storedRows) {
        Dataset<Row> ids = records.select("record_id", "source", "content_hash", "locator");
        List<Dataset<Row>> found = new ArrayList<>();
        Dataset<Row> inRun = null;
        boolean repeated = false;
        if (!oneSource) {
            // A count per id is a plain hash aggregation; only the few repeated ids get the costlier comparison.
            Dataset<Row> repeatedIds = ids.groupBy("record_id")
                    .count()
                    .filter(col("count").gt(1))
                    .select("record_id")
                    .localCheckpoint();
            repeated = !repeatedIds.isEmpty();
            if (repeated) {
                Dataset<Row> candidates = ids.join(broadcast(repeatedIds), "record_id");
                inRun = candidates
                        .groupBy("record_id")
                        .agg(
                                countDistinct("content_hash").as("contents"),
                                concat_ws(", ", array_sort(collect_set("source")))
                                        .as("sources"))
                        .filter(col("contents").gt(1))
                        .select(
                                col("record_id"),
                                concat(
                                                lit("record id "),
                                                col("record_id"),
                                                lit(" is read with different content from more than one input of"
                                                        + " this run ("),
                                                col("sources"),
                                                lit("); none of them is ingested"))
                                        .as("reason"));
                found.add(candidates.join(inRun, "record_id"));
            }
        }
        if (storedRows) {
            Dataset<Row> stored = lake.read(Table.ECG_RECORDS)
                    .select(
                            col("record_id"),
                            col("source").as("stored_source"),
                            col("content_hash").as("stored_hash"));
            Dataset<Row> fresh =
                    inRun == null ? ids : ids.join(inRun.select("record_id"), seq(List.of("record_id")), "left_anti");
            found.add(fresh.join(stored, "record_id")
                    .filter(col("stored_source")
                            .notEqual(col("source"))
                            .and(col("stored_hash").notEqual(col("content_hash"))))
                    .select(
                            col("record_id"),
                            col("source"),
                            col("content_hash"),
                            col("locator"),
                            concat(
                                            lit("record id "),
                                            col("record_id"),
                                            lit(" is already in ecg_records from "),
                                            col("stored_source"),
                                            lit(" with different content; not overwritten"))
                                    .as("reason")));
        }
        // Computed once (ids only, small): both outputs and the no-conflict test read it.
        Dataset<Row> refused = found.isEmpty()
                ? records.sparkSession().createDataFrame(List.of(), REFUSED)
                : found.stream().reduce(Dataset::unionByName).orElseThrow().localCheckpoint();
        this.rejects = refused.select(
                col("source"),
                col("locator"),
                col("reason"),
                lit(null).cast("string").as("raw_excerpt"));
        // Without conflicts (the usual case) the records pass as they are: an anti-join would shuffle every signal.
        this.any = !found.isEmpty() && !refused.isEmpty();
        this.repeats = repeated;
        this.accepted = any
                ? records.join(
                        broadcast(refused.select("record_id", "source", "content_hash")), ROW_IDENTITY, "left_anti")
                : records;
    }

    /** Reject rows (source, locator, reason, raw_excerpt) for the records that were refused. */
    Dataset<Row> rejects() {
        return rejects;
    }

    /** The incoming records that may be merged: no conflict with the table or within the run. */
    Dataset<Row> accepted() {
        return accepted;
    }

    /** Whether any record was refused, i.e. {@link #accepted()} is a join rather than the input itself. */
    boolean any() {
        return any;
    }

    /**
     * Whether {@link #accepted()} may hold one record id more than once (the same content read from several
     * inputs); when false, every accepted id is unique.
     */
    boolean mayRepeatIds() {
        return repeats;
    }

    private static Seq<String> seq(List<String> names) {
        return JavaConverters.asScalaBuffer(names).toSeq();
    }
}
