package org.ecgpeft.jobs.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.signal.CsvSegment;
import org.ecgpeft.signal.CsvSegmentParser;
import org.ecgpeft.signal.EcgFormatException;
import org.ecgpeft.signal.EcgRecord;
import scala.Tuple2;

/**
 * A segment CSV (each row: N samples then a 0/1 label, optional header line), local or any Hadoop URI.
 * Lines are read across executors from bytes ({@link TextLines}), each with its 1-based line number, which
 * makes the record id {@code <file stem>:<line>} and the reject locator. Label 0 becomes N, 1 becomes A. Every
 * bad row (wrong column count, non-numeric, NaN or infinite value, label other than 0/1) is one reject.
 */
public final class CsvSource {
    private static final int WIDTH_PROBE_LINES = 20;

    private final String file;
    private final int expectedSamples;
    private final double sampleRate;

    /**
     * @param file            the CSV path or URI
     * @param expectedSamples samples per row; {@code <= 0} infers it from the first parseable line
     * @param sampleRate      sampling rate of the segments in Hz (the CSV does not carry it)
     */
    public CsvSource(String file, int expectedSamples, double sampleRate) {
        this.file = file;
        this.expectedSamples = expectedSamples;
        this.sampleRate = sampleRate;
    }

    /**
     * The {@code source} column value: {@code csv:} and the file's full path (absolute for a local path, the
     * URI otherwise), so two files of the same name in different folders are different sources.
     */
    public String sourceName() {
        Path p = new Path(file);
        return "csv:"
                + (p.toUri().getScheme() == null
                        ? java.nio.file.Path.of(file)
                                .toAbsolutePath()
                                .normalize()
                                .toString()
                        : p.toString());
    }

    /**
     * Outcome rows (see {@link IngestRows}), read in at least {@code partitions} splits.
     *
     * @throws IllegalArgumentException when the file does not exist, is not a file, or has no data row to
     *     take the row width from
     */
    public JavaRDD<Row> rows(SparkSession spark, int partitions) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String source = sourceName();
        requireFile(spark);
        TextLines text = new TextLines(file, spark.sparkContext().hadoopConfiguration());
        int width = expectedSamples > 0 ? expectedSamples : inferWidth(text.head(WIDTH_PROBE_LINES));
        String stem = stem(new Path(file).getName());
        double rate = sampleRate;
        return text.read(jsc, partitions)
                .mapPartitions(it -> parse(it, new CsvSegmentParser(width), stem, source, rate));
    }

    private void requireFile(SparkSession spark) {
        Path p = new Path(file);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(p) || !fs.getFileStatus(p).isFile()) {
                throw new IllegalArgumentException("--csv " + file + ": no such file");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("--csv " + file + ": cannot read it", e);
        }
    }

    /**
     * The number of samples per row most of the first lines have (a header line excepted), so one malformed
     * first row costs that row only rather than setting a wrong width for the whole file.
     */
    private int inferWidth(List<String> head) {
        CsvSegmentParser probe = new CsvSegmentParser(0);
        Map<Integer, Integer> votes = new LinkedHashMap<>();
        for (int i = 0; i < head.size(); i++) {
            String line = head.get(i);
            if (!(i == 0 && probe.isHeader(line)) && !line.isBlank()) {
                votes.merge((int) line.chars().filter(c -> c == ',').count(), 1, Integer::sum);
            }
        }
        int width = votes.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(0);
        if (width < 1) {
            throw new IllegalArgumentException("--csv " + file + ": cannot infer the row width from its first "
                    + WIDTH_PROBE_LINES + " lines (no row of samples and a label); pass --csv-samples");
        }
        return width;
    }

    private static Iterator<Row> parse(
            Iterator<Tuple2<String, Long>> lines, CsvSegmentParser parser, String stem, String source, double rate) {
        return new Iterator<>() {
            private Row next = advance();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Row next() {
                Row r = next;
                next = advance();
                return r;
            }

            private Row advance() {
                while (lines.hasNext()) {
                    Tuple2<String, Long> line = lines.next();
                    long lineNumber = line._2();
                    if (lineNumber == 1 && parser.isHeader(line._1())) {
                        continue;
                    }
                    return parseLine(parser, line._1(), lineNumber, stem, source, rate);
                }
                return null;
            }
        };
    }

    private static Row parseLine(
            CsvSegmentParser parser, String line, long lineNumber, String stem, String source, double rate) {
        String locator = stem + ":" + lineNumber;
        try {
            CsvSegment seg = parser.parse(line, lineNumber);
            return IngestRows.record(new EcgRecord(locator, source, rate, seg.cincLabel(), seg.samples()), locator);
        } catch (EcgFormatException e) {
            return IngestRows.reject(source, locator, e.reason(), line);
        } catch (RuntimeException e) {
            return IngestRows.reject(source, locator, "unexpected error: " + e, line);
        }
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
