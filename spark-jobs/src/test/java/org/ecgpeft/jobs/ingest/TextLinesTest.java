package org.ecgpeft.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.lake.SparkSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

/**
 * {@link TextLines} gives every line once, with its number, however the file is cut into ranges: lines across
 * range borders, empty lines, CRLF, a last line without newline, a byte order mark, a gzip file.
 */
class TextLinesTest {
    private static SparkSession spark;
    private static JavaSparkContext jsc;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSessions.local("text-lines-test", 2, 2);
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void everyCutOfARandomFileGivesItsLinesInOrderWithTheirNumbers() throws Exception {
        Random random = new Random(5);
        for (int trial = 0; trial < 4; trial++) {
            List<String> lines = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            int n = 1 + random.nextInt(60);
            for (int i = 0; i < n; i++) {
                String line = randomLine(random);
                lines.add(line);
                text.append(line).append(random.nextInt(4) == 0 ? "\r\n" : "\n");
            }
            // A last line without its newline (an empty one would then be no line at all).
            if (random.nextBoolean() && !lines.get(n - 1).isEmpty()) {
                text.setLength(text.length() - (text.charAt(text.length() - 2) == '\r' ? 2 : 1));
            }
            Path file = tmp.resolve("t" + trial + ".csv");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            for (long minRange : new long[] {1, 64, 1 << 20}) {
                for (int partitions : new int[] {1, 3, 16}) {
                    assertEquals(
                            numbered(lines),
                            read(file, minRange, partitions),
                            "trial " + trial + ", " + partitions + " ranges of >= " + minRange + " bytes");
                }
            }
        }
    }

    @Test
    void aByteOrderMarkIsSkippedAndNonAsciiTextIsDecoded() throws Exception {
        Path file = tmp.resolve("bom.csv");
        byte[] body = "a,b\n1,é\n\n2,3".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Files.write(file, bytes);
        assertEquals(numbered(List.of("a,b", "1,é", "", "2,3")), read(file, 2, 4));
        assertEquals(
                List.of("a,b", "1,é"),
                new TextLines(file.toString(), spark.sparkContext().hadoopConfiguration()).head(2));
    }

    @Test
    void aGzipFileIsReadWhole() throws Exception {
        Path file = tmp.resolve("seg.csv.gz");
        List<String> lines = new ArrayList<>();
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < 500; i++) {
                lines.add(i + ",0.5," + (i % 2));
                out.write((lines.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        assertEquals(numbered(lines), read(file, 1, 8));
    }

    private static List<Tuple2<String, Long>> read(Path file, long minRange, int partitions) {
        return new TextLines(file.toString(), spark.sparkContext().hadoopConfiguration(), minRange)
                .read(jsc, partitions)
                .collect();
    }

    private static List<Tuple2<String, Long>> numbered(List<String> lines) {
        List<Tuple2<String, Long>> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            out.add(new Tuple2<>(lines.get(i), i + 1L));
        }
        return out;
    }

    private static String randomLine(Random random) {
        int length = random.nextInt(5) == 0 ? 0 : random.nextInt(40);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append((char) ('0' + random.nextInt(10)));
            if (random.nextInt(6) == 0) {
                b.append(',');
            }
        }
        return b.toString();
    }
}
