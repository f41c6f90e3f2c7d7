package org.ecgpeft.jobs.ingest;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
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
 * Lines are split across executors; {@code zipWithIndex} gives each its 1-based line number, which makes
 * the record id {@code <file stem>:<line>} and the reject locator. Label 0 becomes N, 1 becomes A.
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

  /** The {@code source} column value: {@code csv:<file name>}. */
  public String sourceName() {
    return "csv:" + new Path(file).getName();
  }

  /** Outcome rows (see {@link IngestRows}), read in at least {@code partitions} splits. */
  public JavaRDD<Row> rows(SparkSession spark, int partitions) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String source = sourceName();
    if (!readable(spark)) {
      return jsc.parallelize(List.of(IngestRows.reject(source, file, "unreadable: no such file", null)), 1);
    }
    JavaRDD<String> lines = jsc.textFile(file, partitions);
    int width = expectedSamples > 0 ? expectedSamples : inferWidth(lines.take(WIDTH_PROBE_LINES));
    String stem = stem(new Path(file).getName());
    double rate = sampleRate;
    return lines.zipWithIndex().mapPartitions(it -> parse(it, new CsvSegmentParser(width), stem, source, rate));
  }

  private boolean readable(SparkSession spark) {
    try {
      Path p = new Path(file);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(p) && fs.getFileStatus(p).isFile();
    } catch (IOException e) {
      return false;
    }
  }

  private int inferWidth(List<String> head) {
    CsvSegmentParser probe = new CsvSegmentParser(0);
    for (int i = 0; i < head.size(); i++) {
      if (i == 0 && probe.isHeader(head.get(i))) {
        continue;
      }
      try {
        return probe.parse(head.get(i), i + 1).samples().length;
      } catch (EcgFormatException e) {
        probe = new CsvSegmentParser(0);
      }
    }
    throw new IllegalArgumentException("cannot infer the row width of " + file + " from its first "
        + WIDTH_PROBE_LINES + " lines; pass --csv-samples");
  }

  private static Iterator<Row> parse(Iterator<Tuple2<String, Long>> lines, CsvSegmentParser parser,
      String stem, String source, double rate) {
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
          long lineNumber = line._2() + 1;
          if (lineNumber == 1 && parser.isHeader(line._1())) {
            continue;
          }
          return parseLine(parser, line._1(), lineNumber, stem, source, rate);
        }
        return null;
      }
    };
  }

  private static Row parseLine(CsvSegmentParser parser, String line, long lineNumber, String stem,
      String source, double rate) {
    String locator = stem + ":" + lineNumber;
    try {
      CsvSegment seg = parser.parse(line, lineNumber);
      String label = switch (seg.label()) {
        case 0 -> "N";
        case 1 -> "A";
        default -> null;
      };
      if (label == null) {
        return IngestRows.reject(source, locator, "unknown label " + seg.label() + " (expected 0 or 1)", line);
      }
      return IngestRows.record(new EcgRecord(locator, source, rate, label, seg.samples()), source);
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
