package org.ecgpeft.jobs.mscnn;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.ecgpeft.lake.runs.RunRegistry;
import org.ecgpeft.train.mscnn.AfRecord;

/**
 * The whole records behind one split of a data version, for training on random crops: the split's record
 * ids and 0/1 labels come from {@code ecg_segments}, the raw signals from {@code ecg_records} at the version
 * the segments were made from (Delta time travel), so a later re-ingest cannot change what a data version
 * trains on.
 */
public final class SplitRecords {
    private SplitRecords() {}

    /**
     * The split's records ordered by record id, streamed to the driver a partition at a time.
     *
     * @param segments rows of {@code dataVersion} with record_id, label and split
     * @throws IllegalStateException when a record is missing from {@code ecg_records} or has another rate
     */
    public static List<AfRecord> collect(
            Lake lake, Dataset<Row> segments, String dataVersion, String split, double sampleRateHz) {
        long recordsVersion = RunRegistry.recordsVersion(dataVersion);
        Dataset<Row> ids = segments.filter(col("split").equalTo(split))
                .select("record_id", "label")
                .distinct();
        long expected = ids.count();
        if (expected == 0) {
            throw new IllegalStateException("the " + split + " split of " + dataVersion + " has no records");
        }
        Dataset<Row> joined = ids.join(
                        lake.readVersion(Table.ECG_RECORDS, recordsVersion)
                                .select("record_id", "sample_rate", "signal"),
                        "record_id")
                .select("record_id", "label", "sample_rate", "signal")
                .orderBy("record_id");
        List<AfRecord> records = new ArrayList<>((int) expected);
        Iterator<Row> it = joined.toLocalIterator();
        while (it.hasNext()) {
            Row r = it.next();
            String id = r.getString(0);
            if (r.getDouble(2) != sampleRateHz) {
                throw new IllegalStateException(
                        "record " + id + " in ecg_records@v" + recordsVersion + " is sampled at " + r.getDouble(2)
                                + " Hz, but the encoder trains at " + sampleRateHz + " Hz (--sample-rate)");
            }
            records.add(new AfRecord(id, r.getInt(1), Floats.of(r, 3)));
        }
        if (records.size() != expected) {
            throw new IllegalStateException("the " + split + " split of " + dataVersion + " has " + expected
                    + " records but only " + records.size() + " of them are in ecg_records@v" + recordsVersion);
        }
        return records;
    }
}
