package org.ecgpeft.jobs.ingest;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.signal.EcgRecord;

/**
 * The rows every ingest source emits on the executors: either a parsed record or a reject, in one schema
 * so all sources can be unioned and split into {@code ecg_records} and {@code ecg_rejects} afterwards.
 */
public final class IngestRows {
    /** Value of {@code kind} for a valid record. */
    public static final String RECORD = "record";
    /** Value of {@code kind} for a reject. */
    public static final String REJECT = "reject";
    /** Longest raw excerpt kept with a reject. */
    public static final int EXCERPT_CHARS = 160;

    /** Schema of the outcome rows. */
    public static final StructType SCHEMA = new StructType()
            .add("kind", StringType, false)
            .add("source", StringType, false)
            .add("record_id", StringType, true)
            .add("sample_rate", DoubleType, true)
            .add("label", StringType, true)
            .add("n_samples", IntegerType, true)
            .add("signal", Floats.TYPE, true)
            .add("content_hash", StringType, true)
            .add("locator", StringType, true)
            .add("reason", StringType, true)
            .add("raw_excerpt", StringType, true);

    /** Never updated: only cloned ({@link #sha256()}). */
    private static final MessageDigest SHA_256 = newSha256();

    private IngestRows() {}

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    /**
     * A valid record, read at {@code locator} (file, line or generator index: where a reject of it would
     * point); an empty signal is turned into a reject since it carries no data.
     */
    public static Row record(EcgRecord r, String locator) {
        if (r.signal() == null || r.signal().length == 0) {
            return reject(r.source(), locator, "empty record (0 samples)", null);
        }
        return RowFactory.create(
                RECORD,
                r.source(),
                r.recordId(),
                r.sampleRate(),
                r.label(),
                r.signal().length,
                Floats.encode(r.signal()),
                contentHash(r),
                locator,
                null,
                null);
    }

    /** A reject: where (file, line, record) and why, with a short excerpt of the raw input when known. */
    public static Row reject(String source, String locator, String reason, String raw) {
        String excerpt = raw == null || raw.length() <= EXCERPT_CHARS ? raw : raw.substring(0, EXCERPT_CHARS) + "...";
        return RowFactory.create(REJECT, source, null, null, null, null, null, null, locator, reason, excerpt);
    }

    /**
     * SHA-256 over label (nothing for an unlabelled record), sample rate and the samples' float bits: equal
     * content gives an equal hash, so a re-ingest can skip unchanged records.
     */
    public static String contentHash(EcgRecord r) {
        MessageDigest md = sha256();
        if (r.label() != null) {
            md.update(r.label().getBytes(StandardCharsets.UTF_8));
        }
        ByteBuffer buf = ByteBuffer.allocate(Double.BYTES + Float.BYTES * r.signal().length);
        buf.putDouble(r.sampleRate());
        // Big-endian float bits, as the hashes already stored were computed: one bulk copy instead of a put each.
        buf.asFloatBuffer().put(r.signal());
        md.update(buf.array());
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * A fresh SHA-256 digest, cloned from a prototype: {@code MessageDigest.getInstance} looks the provider up on
     * every call, which showed in ingest's profile at one call per record.
     */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's SHA-256 digest cannot be cloned", e);
        }
    }
}
