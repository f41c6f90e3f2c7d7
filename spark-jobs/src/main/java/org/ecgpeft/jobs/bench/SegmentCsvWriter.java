package org.ecgpeft.jobs.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ecgpeft.signal.EcgRecord;
import org.ecgpeft.signal.SyntheticEcgConfig;
import org.ecgpeft.signal.SyntheticEcgGenerator;

/**
 * Writes a segment CSV like the course data set ({@code samples} values with 3 decimals, then a 0/1 AF
 * label per row) from the synthetic generator.
 */
final class SegmentCsvWriter {
    static final double SAMPLE_RATE = 300;
    private static final double AF_FRACTION = 0.15;

    private SegmentCsvWriter() {}

    /**
     * Writes {@code rows} rows to {@code file} and returns its size in bytes. Row i holds generated segment
     * {@code i % distinct}: the realistic generator is far slower than ingest, and parsing cost does not
     * depend on whether rows repeat.
     */
    static long write(Path file, int rows, int samples, int distinct, long seed) throws IOException {
        int pool = Math.min(rows, distinct);
        SyntheticEcgGenerator generator = new SyntheticEcgGenerator(
                new SyntheticEcgConfig(pool, SAMPLE_RATE, samples / SAMPLE_RATE, AF_FRACTION, seed));
        String[] lines = new String[pool];
        StringBuilder line = new StringBuilder(samples * 8);
        for (int i = 0; i < pool; i++) {
            EcgRecord r = generator.generate(i);
            line.setLength(0);
            for (float v : Arrays.copyOf(r.signal(), samples)) {
                appendMillis(line, v);
                line.append(',');
            }
            lines[i] = line.append("A".equals(r.label()) ? '1' : '0').toString();
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < rows; i++) {
                w.write(lines[i % pool]);
                w.newLine();
            }
        }
        return Files.size(file);
    }

    /** Appends v rounded to 3 decimals; much faster than String.format for tens of millions of values. */
    private static void appendMillis(StringBuilder sb, float v) {
        long m = Math.round(v * 1000.0);
        if (m < 0) {
            sb.append('-');
            m = -m;
        }
        sb.append(m / 1000).append('.');
        long frac = m % 1000;
        if (frac < 100) {
            sb.append('0');
        }
        if (frac < 10) {
            sb.append('0');
        }
        sb.append(frac);
    }
}
