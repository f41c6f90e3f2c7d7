package org.ecgpeft.jobs.predict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.signal.EcgFormatException;
import org.ecgpeft.signal.EcgRecord;
import org.ecgpeft.signal.ReferenceLabels;
import org.ecgpeft.signal.WfdbReader;

/**
 * Reads records that have no label, on the executors: the records of a WFDB folder that REFERENCE.csv does not
 * label (every record when the folder has none), and the rows of a segment CSV without a label column. Each
 * outcome row is either a record ({@code record_id, source, sample_rate, signal}, reason null) or a reject
 * (locator in {@code record_id}, {@code reason} set), so unreadable input is quarantined, never dropped.
 */
final class UnlabelledRecords {
    /** Outcome rows: a record when {@code reason} is null, else a reject naming its file/line. */
    static final StructType SCHEMA = new StructType()
            .add("record_id", DataTypes.StringType, false)
            .add("source", DataTypes.StringType, false)
            .add("sample_rate", DataTypes.DoubleType, true)
            .add("signal", Floats.TYPE, true)
            .add("reason", DataTypes.StringType, true);
    /**
     * The WFDB reader attaches a class label to what it reads; these records have none, so it gets this
     * placeholder, which is dropped as soon as the signal is out.
     */
    private static final String NO_LABEL = "~";

    private UnlabelledRecords() {}

    /** The folder's unlabelled records, read in {@code partitions} slices. */
    static JavaRDD<Row> wfdb(SparkSession spark, String dir, int partitions) throws IOException {
        Path folder = Paths.get(dir);
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--wfdb " + dir + " is not a directory");
        }
        Path reference = folder.resolve("REFERENCE.csv");
        Set<String> labelled = Set.of();
        if (Files.isRegularFile(reference)) {
            try {
                labelled = ReferenceLabels.read(reference).keySet();
            } catch (EcgFormatException e) {
                throw new IllegalArgumentException("--wfdb " + dir + ": " + e.getMessage(), e);
            }
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (String n : files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".hea"))
                    .sorted()
                    .toList()) {
                String name = n.substring(0, n.length() - ".hea".length());
                if (!labelled.contains(name)) {
                    names.add(name);
                }
            }
        }
        String source = "wfdb:" + folder.toAbsolutePath().normalize().getFileName();
        String folderName = folder.toString();
        return JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(names, Math.max(1, Math.min(partitions, names.size())))
                .map(name -> readWfdb(folderName, name, source));
    }

    private static Row readWfdb(String folder, String name, String source) {
        Path header = Paths.get(folder, name + ".hea");
        try {
            EcgRecord r = WfdbReader.read(header, NO_LABEL, source);
            return RowFactory.create(r.recordId(), source, r.sampleRate(), Floats.encode(r.signal()), null);
        } catch (EcgFormatException e) {
            return RowFactory.create(e.locator(), source, null, null, e.reason());
        } catch (IOException | RuntimeException e) {
            return RowFactory.create(header.toString(), source, null, null, "unreadable: " + e);
        }
    }

    /** One record per CSV row of samples (no label column): id {@code <file stem>:<line>}. */
    static JavaRDD<Row> csv(SparkSession spark, String file, double rate, int partitions) {
        String stem = Paths.get(file).getFileName().toString().replaceFirst("\\.[^.]*$", "");
        String source = "csv:" + stem;
        return JavaSparkContext.fromSparkContext(spark.sparkContext())
                .textFile(file, partitions)
                .zipWithIndex()
                .filter(t -> !t._1().isBlank())
                .map(t -> parseCsv(t._1(), t._2() + 1, stem, source, rate));
    }

    private static Row parseCsv(String line, long lineNumber, String stem, String source, double rate) {
        String[] fields = line.split(",");
        float[] signal = new float[fields.length];
        for (int i = 0; i < fields.length; i++) {
            try {
                float v = Float.parseFloat(fields[i].strip());
                if (!Float.isFinite(v)) {
                    throw new NumberFormatException("not finite");
                }
                signal[i] = v;
            } catch (NumberFormatException e) {
                // A header line has no numbers at all; it is skipped as a reject too, so it stays visible.
                return RowFactory.create(
                        stem + ":" + lineNumber,
                        source,
                        null,
                        null,
                        "value '" + fields[i].strip() + "' in column " + (i + 1) + " is not a number");
            }
        }
        return RowFactory.create(stem + ":" + lineNumber, source, rate, Floats.encode(signal), null);
    }

    /** The {@code ecg_rejects} row of a reject outcome. */
    static Row reject(Row outcome, Timestamp at) {
        return RowFactory.create(outcome.getString(1), outcome.getString(0), outcome.getString(4), null, at);
    }
}
