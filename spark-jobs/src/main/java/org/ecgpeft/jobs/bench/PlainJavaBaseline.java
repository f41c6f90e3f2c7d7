package org.ecgpeft.jobs.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ecgpeft.jobs.ingest.WfdbSource;
import org.ecgpeft.jobs.preprocess.PreprocessJob;
import org.ecgpeft.signal.EcgFormatException;
import org.ecgpeft.signal.WfdbReader;
import org.ecgpeft.signal.WindowSpec;
import org.ecgpeft.signal.Windowing;
import org.ecgpeft.signal.ZScore;

/**
 * The reference the ingest benchmark is measured against: the loop one would write by hand (and what pandas'
 * {@code read_csv} plus a numpy z-score amount to), on one thread, in memory, with nothing stored. Each line is
 * split at its commas, every field read with {@link Float#parseFloat}, and the row z-scored.
 */
final class PlainJavaBaseline {
    private PlainJavaBaseline() {}

    /** What the loop read. */
    record Result(long rows, double seconds, double checksum) {}

    /** Reads and z-scores every row of {@code csv} ({@code samples} values, then a label). */
    static Result run(Path csv, int samples) throws IOException {
        long start = System.nanoTime();
        long rows = 0;
        double checksum = 0;
        float[] row = new float[samples];
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.US_ASCII)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int from = 0;
                for (int c = 0; c < samples; c++) {
                    int comma = line.indexOf(',', from);
                    row[c] = Float.parseFloat(line.substring(from, comma));
                    from = comma + 1;
                }
                float[] z = ZScore.perSegment(row);
                // Sum a value per row so the work cannot be optimised away.
                checksum += z[0] + Integer.parseInt(line.substring(from).trim());
                rows++;
            }
        }
        return new Result(rows, (System.nanoTime() - start) / 1e9, checksum);
    }

    /**
     * Reads every record of a WFDB folder (as ingest does) and z-scores the windows of its N and A records (as
     * preprocess does); {@code rows} counts the records read.
     */
    static Result runWfdb(Path folder, WindowSpec window) throws IOException {
        long start = System.nanoTime();
        Map<String, String> labels = WfdbSource.reference(folder).labels();
        long rows = 0;
        double checksum = 0;
        for (String name : WfdbSource.recordNames(folder)) {
            String label = labels.get(name);
            try {
                float[] signal = WfdbReader.read(folder.resolve(name + ".hea"), label, "bench")
                        .signal();
                rows++;
                if (label != null && PreprocessJob.TASK_LABELS.contains(label)) {
                    for (float[] w : Windowing.windows(signal, window)) {
                        checksum += ZScore.perSegment(w)[0];
                    }
                }
            } catch (EcgFormatException e) {
                // Ingest rejects such a record too; the loop goes on as the job does.
            }
        }
        return new Result(rows, (System.nanoTime() - start) / 1e9, checksum);
    }
}
