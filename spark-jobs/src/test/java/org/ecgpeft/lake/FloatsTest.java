package org.ecgpeft.lake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The signal codec: bit-exact float32 little-endian, and both stored layouts read alike, in Java and in SQL. */
class FloatsTest {
    private static final float[] EDGES = {
        0f,
        -0f,
        1f,
        -1.5f,
        Float.MIN_VALUE,
        -Float.MIN_NORMAL,
        Float.MAX_VALUE,
        Float.NEGATIVE_INFINITY,
        Float.POSITIVE_INFINITY,
        Float.NaN,
        Float.intBitsToFloat(0x7fc01234) // a NaN with a payload
    };

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSessions.local("floats-test", 1, 1);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void encodesFourLittleEndianBytesPerSampleAndDecodesBitForBit() {
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3f}, Floats.encode(new float[] {1f}));
        assertBitsEqual(EDGES, Floats.decode(Floats.encode(EDGES)));
        float[] random = new float[4096];
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < random.length; i++) {
            random[i] = Float.intBitsToFloat(rnd.nextInt());
        }
        assertBitsEqual(random, Floats.decode(Floats.encode(random)));
        assertEquals(0, Floats.decode(Floats.encode(new float[0])).length);
    }

    @Test
    void aTruncatedSignalIsRefusedNamingTheLayout() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Floats.decode(new byte[] {1, 2, 3, 4, 5}));
        assertEquals("a float32le-v2 signal has a multiple of 4 bytes, not 5", e.getMessage());
        IllegalArgumentException nullSample =
                assertThrows(IllegalArgumentException.class, () -> Floats.of(java.util.Arrays.asList(1f, null)));
        assertEquals("signal has a null sample at 1", nullSample.getMessage());
    }

    @Test
    void rowsOfEitherLayoutDecodeToTheSameSamplesInJavaAndSql() {
        float[] samples = {1.25f, -3f, Float.MIN_VALUE, 7e6f};
        Dataset<Row> binary = frame(Floats.TYPE, Floats.encode(samples));
        Dataset<Row> old = frame(Floats.OLD_TYPE, samples);
        for (Dataset<Row> rows : List.of(binary, old)) {
            assertArrayEquals(samples, Floats.of(rows.head(), 1));
            assertEquals(
                    samples.length,
                    rows.select(Floats.sampleCount(rows, "signal")).head().getInt(0));
            rows.createOrReplaceTempView("signals");
            Row sql = spark.sql("SELECT ecg_samples(signal) AS s, size(ecg_samples(signal)) AS n FROM signals")
                    .head();
            assertEquals(samples.length, sql.getInt(1));
            assertArrayEquals(samples, Floats.of(sql.<Float>getList(0)));
        }
        assertArrayEquals(
                samples, Floats.of(old.select(Floats.encoded(old.col("signal"))).head(), 0), "old to new layout");
        assertArrayEquals(
                samples,
                Floats.of(binary.select(Floats.decoded(binary.col("signal")))
                        .head()
                        .<Float>getList(0)),
                "new to old layout");
    }

    @Test
    void onlyBinaryAndFloatArraysAreSignalColumns() {
        assertTrue(Floats.isOld(Floats.OLD_TYPE));
        assertEquals(false, Floats.isOld(Floats.TYPE));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Floats.isOld(DataTypes.StringType));
        assertEquals("a signal column is binary or array<float>, not string", e.getMessage());
    }

    private static Dataset<Row> frame(org.apache.spark.sql.types.DataType type, Object signal) {
        StructType schema =
                new StructType().add("id", DataTypes.StringType, false).add("signal", type, false);
        return spark.createDataFrame(List.of(RowFactory.create("r1", signal)), schema);
    }

    private static void assertBitsEqual(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "sample " + i);
        }
    }
}
