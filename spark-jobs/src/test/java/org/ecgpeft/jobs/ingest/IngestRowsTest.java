package org.ecgpeft.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.spark.sql.Row;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.signal.EcgRecord;
import org.junit.jupiter.api.Test;

/** The ingest row of a record: its signal in the stored layout and a content hash equal to the stored ones. */
class IngestRowsTest {
    @Test
    void theContentHashStaysTheOneEarlierIngestsStored() throws Exception {
        float[] signal = {0.5f, -1.25f, Float.MIN_VALUE, -0f, 3e7f};
        for (String label : new String[] {"A", null}) {
            EcgRecord r = new EcgRecord("r1", "test", 300.0, label, signal);
            // The hash as ingest computed it before: label, rate, then each float's big-endian bits.
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            if (label != null) {
                md.update(label.getBytes(StandardCharsets.UTF_8));
            }
            ByteBuffer buf = ByteBuffer.allocate(8 + 4 * signal.length);
            buf.putDouble(300.0);
            for (float v : signal) {
                buf.putFloat(v);
            }
            md.update(buf.array());
            assertEquals(HexFormat.of().formatHex(md.digest()), IngestRows.contentHash(r), "label " + label);
        }
    }

    @Test
    void aRecordRowHoldsItsSignalInTheStoredLayout() {
        float[] signal = {1f, 2f, -3.5f};
        Row row = IngestRows.record(new EcgRecord("r1", "test", 300.0, "N", signal), "file:1");
        int index = IngestRows.SCHEMA.fieldIndex("signal");
        assertEquals(Floats.TYPE, IngestRows.SCHEMA.apply("signal").dataType());
        assertArrayEquals(Floats.encode(signal), (byte[]) row.get(index));
        assertEquals(3, row.getInt(IngestRows.SCHEMA.fieldIndex("n_samples")));
    }
}
