package org.ecgpeft.jobs.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.signal.EcgFormatException;
import org.ecgpeft.signal.ReferenceLabels;
import org.ecgpeft.signal.WfdbReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * A WFDB record folder ({@code RECORDS}, {@code REFERENCE.csv}, {@code .hea} + data files). The driver
 * only reads the small label file and the record list; the list is parallelised and the executors read
 * the signal files, so no signal passes through the driver. The folder must be visible to every executor
 * (local mode, or a shared mount on a cluster).
 *
 * <p>Labels: each {@code REFERENCE.csv} line counts on its own. A bad line (malformed, unknown label,
 * repeated id) rejects the record it names, or is itself the reject when it names none; a record the file
 * does not list, or every record of a folder without the file, is ingested unlabelled (label null).
 */
public final class WfdbSource {
    private static final Logger LOG = LoggerFactory.getLogger(WfdbSource.class);

    private final String dir;

    /** A source over the folder {@code dir}. */
    public WfdbSource(String dir) {
        this.dir = dir;
    }

    /** The {@code source} column value: {@code wfdb:} and the folder's absolute path. */
    public String sourceName() {
        return "wfdb:" + Paths.get(dir).toAbsolutePath().normalize();
    }

    /**
     * Outcome rows (see {@link IngestRows}) read in {@code partitions} slices.
     *
     * @throws IllegalArgumentException when the folder does not exist
     * @throws UncheckedIOException     when its record list or REFERENCE.csv exists but cannot be read
     */
    public JavaRDD<Row> rows(SparkSession spark, int partitions) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String source = sourceName();
        Path folder = Paths.get(dir);
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--wfdb " + dir + ": no such directory");
        }
        ReferenceLabels.Parsed reference = reference(folder);
        // One reject per refused record (its first bad line) and one per bad line that names no record.
        Set<String> refused = new HashSet<>();
        List<Row> driverRejects = new ArrayList<>();
        for (ReferenceLabels.BadLine bad : reference.badLines()) {
            if (bad.recordId() == null || refused.add(bad.recordId())) {
                driverRejects.add(IngestRows.reject(
                        source, bad.error().locator(), bad.error().reason(), null));
            }
        }
        TreeSet<String> names = new TreeSet<>(reference.labels().keySet());
        names.addAll(recordNames(folder));
        names.removeAll(refused);
        List<Tuple2<String, String>> work = new ArrayList<>();
        for (String name : names) {
            work.add(new Tuple2<>(name, reference.labels().get(name)));
        }
        long unlabelled = work.stream().filter(w -> w._2() == null).count();
        if (unlabelled > 0) {
            LOG.info(
                    "{}: {} of {} records have no REFERENCE.csv label and are ingested unlabelled",
                    source,
                    unlabelled,
                    work.size());
        }
        String folderName = folder.toString();
        JavaRDD<Row> records = jsc.parallelize(work, Math.max(1, Math.min(partitions, work.size())))
                .map(w -> readOne(folderName, w._1(), w._2(), source));
        return driverRejects.isEmpty() ? records : records.union(jsc.parallelize(driverRejects, 1));
    }

    /** The labels of {@code REFERENCE.csv}; none (every record unlabelled) when the folder has no such file. */
    public static ReferenceLabels.Parsed reference(Path folder) {
        Path file = folder.resolve("REFERENCE.csv");
        if (!Files.exists(file)) {
            LOG.info("{} has no REFERENCE.csv: its records are ingested unlabelled", folder);
            return new ReferenceLabels.Parsed(Map.of(), List.of());
        }
        try {
            return ReferenceLabels.parse(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Record names from {@code RECORDS} when present, else every {@code .hea} file of the folder. */
    public static List<String> recordNames(Path folder) {
        Path list = folder.resolve("RECORDS");
        try {
            if (Files.isRegularFile(list)) {
                return Files.readAllLines(list).stream()
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
            }
            try (Stream<Path> files = Files.list(folder)) {
                return files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".hea"))
                        .map(n -> n.substring(0, n.length() - ".hea".length()))
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the records of " + folder, e);
        }
    }

    private static Row readOne(String folder, String name, String label, String source) {
        Path header = Paths.get(folder, name + ".hea");
        String locator = header.toString();
        try {
            return IngestRows.record(WfdbReader.read(header, label, source), locator);
        } catch (EcgFormatException e) {
            return IngestRows.reject(source, e.locator(), e.reason(), null);
        } catch (IOException e) {
            return IngestRows.reject(source, locator, "unreadable: " + e, null);
        } catch (RuntimeException e) {
            // A reader bug or an input no check anticipated must not stop the job; it is recorded instead.
            return IngestRows.reject(source, locator, "unexpected error: " + e, null);
        }
    }
}
