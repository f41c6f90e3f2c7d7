package org.ecgpeft.jobs.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.signal.EcgFormatException;
import org.ecgpeft.signal.ReferenceLabels;
import org.ecgpeft.signal.WfdbReader;
import scala.Tuple2;

/**
 * A WFDB record folder ({@code RECORDS}, {@code REFERENCE.csv}, {@code .hea} + data files). The driver
 * only reads the small label file and the record list; the list is parallelised and the executors read
 * the signal files, so no signal passes through the driver. The folder must be visible to every executor
 * (local mode, or a shared mount on a cluster).
 */
public final class WfdbSource {
  private final String dir;

  /** A source over the folder {@code dir}. */
  public WfdbSource(String dir) {
    this.dir = dir;
  }

  /** The {@code source} column value: {@code wfdb:<folder name>}. */
  public String sourceName() {
    Path name = Paths.get(dir).toAbsolutePath().normalize().getFileName();
    return "wfdb:" + (name == null ? dir : name.toString());
  }

  /** Outcome rows (see {@link IngestRows}) read in {@code partitions} slices. */
  public JavaRDD<Row> rows(SparkSession spark, int partitions) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String source = sourceName();
    Path folder = Paths.get(dir);
    List<Row> driverRejects = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      driverRejects.add(IngestRows.reject(source, dir, "unreadable: not a directory", null));
      return jsc.parallelize(driverRejects, 1);
    }
    Map<String, String> labels = Map.of();
    Path reference = folder.resolve("REFERENCE.csv");
    try {
      labels = ReferenceLabels.read(reference);
    } catch (EcgFormatException e) {
      driverRejects.add(IngestRows.reject(source, e.locator(), e.reason(), null));
    } catch (IOException e) {
      driverRejects.add(IngestRows.reject(source, reference.toString(), "unreadable: " + e, null));
    }
    List<Tuple2<String, String>> work = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(labels.keySet());
    try {
      names.addAll(recordNames(folder));
    } catch (IOException e) {
      driverRejects.add(IngestRows.reject(source, dir, "cannot list records: " + e, null));
    }
    for (String name : names) {
      work.add(new Tuple2<>(name, labels.get(name)));
    }
    String folderName = folder.toString();
    JavaRDD<Row> records = jsc.parallelize(work, Math.max(1, Math.min(partitions, work.size())))
        .map(w -> readOne(folderName, w._1(), w._2(), source));
    return driverRejects.isEmpty() ? records : records.union(jsc.parallelize(driverRejects, 1));
  }

  /** Record names from {@code RECORDS} when present, else every {@code .hea} file of the folder. */
  private static List<String> recordNames(Path folder) throws IOException {
    Path list = folder.resolve("RECORDS");
    if (Files.isRegularFile(list)) {
      return Files.readAllLines(list).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".hea"))
          .map(n -> n.substring(0, n.length() - ".hea".length())).toList();
    }
  }

  private static Row readOne(String folder, String name, String label, String source) {
    Path header = Paths.get(folder, name + ".hea");
    if (label == null) {
      return IngestRows.reject(source, header.toString(), "no label in REFERENCE.csv", null);
    }
    try {
      return IngestRows.record(WfdbReader.read(header, label, source), source);
    } catch (EcgFormatException e) {
      return IngestRows.reject(source, e.locator(), e.reason(), null);
    } catch (IOException e) {
      return IngestRows.reject(source, header.toString(), "unreadable: " + e, null);
    } catch (RuntimeException e) {
      // A reader bug or an input no check anticipated must not stop the job; it is recorded instead.
      return IngestRows.reject(source, header.toString(), "unexpected error: " + e, null);
    }
  }
}
