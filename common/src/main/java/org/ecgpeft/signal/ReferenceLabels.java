package org.ecgpeft.signal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reader for a PhysioNet challenge {@code REFERENCE.csv} ("A00001,N" per line).
 *
 * <p>{@link #parse} checks every line on its own, so one bad line costs only the record it names (the
 * ingest job rejects that record and keeps the others); {@link #read} is the strict form for callers that
 * need the whole file to be right.
 */
public final class ReferenceLabels {

    private ReferenceLabels() {}

    /**
     * A line that could not be used.
     *
     * @param recordId the record the line names (text before its first comma), or {@code null} when the
     *                 line names none
     * @param error    locator {@code file:line} and reason
     */
    public record BadLine(String recordId, EcgFormatException error) {}

    /**
     * Every line's outcome.
     *
     * @param labels   record id to label, in file order, for the records whose lines are all good
     * @param badLines the unusable lines in file order; a record named by one has no entry in {@code labels}
     */
    public record Parsed(Map<String, String> labels, List<BadLine> badLines) {
        public Parsed {
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
            badLines = List.copyOf(badLines);
        }
    }

    /**
     * Reads record id to label, in file order. Blank lines are skipped; a malformed line, an unknown
     * label or a duplicate record id fails with an {@link EcgFormatException} naming the first such line.
     */
    public static Map<String, String> read(Path referenceCsv) throws IOException, EcgFormatException {
        Parsed parsed = parse(referenceCsv);
        if (!parsed.badLines().isEmpty()) {
            throw parsed.badLines().get(0).error();
        }
        return parsed.labels();
    }

    /**
     * Checks each line on its own: a line without exactly one comma, with an empty id or an unknown label
     * is a bad line, and so is every line of a record id that occurs more than once (its label is in doubt).
     * Bytes that are not UTF-8 are replaced, so they end up in a bad line rather than failing the file.
     */
    public static Parsed parse(Path referenceCsv) throws IOException {
        String text = new String(Files.readAllBytes(referenceCsv), StandardCharsets.UTF_8);
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, Long> firstLine = new HashMap<>();
        Set<String> badIds = new HashSet<>();
        List<BadLine> bad = new ArrayList<>();
        long lineNumber = 0;
        for (String line : text.split("\r?\n|\r", -1)) {
            lineNumber++;
            String trimmed = stripBom(line).trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int comma = trimmed.indexOf(',');
            String id = comma <= 0 ? null : trimmed.substring(0, comma).trim();
            String reason = problem(trimmed, comma, id);
            Long first = id == null ? null : firstLine.putIfAbsent(id, lineNumber);
            if (reason == null && first != null) {
                reason = "duplicate record id " + id + " (first on line " + first + ")";
            }
            if (reason == null && !badIds.contains(id)) {
                labels.put(id, trimmed.substring(comma + 1).trim());
            } else if (reason != null) {
                String named = id == null || id.isEmpty() ? null : id;
                if (named != null) {
                    badIds.add(named);
                    labels.remove(named);
                }
                bad.add(new BadLine(named, new EcgFormatException(referenceCsv + ":" + lineNumber, reason)));
            }
        }
        return new Parsed(labels, bad);
    }

    /** What is wrong with one non-blank line, or {@code null} when it is a good "id,label" line. */
    private static String problem(String line, int comma, String id) {
        if (comma < 0 || line.indexOf(',', comma + 1) >= 0) {
            return "expected 'recordId,label', got '" + excerpt(line) + "'";
        }
        if (id == null || id.isEmpty()) {
            return "empty record id";
        }
        String label = line.substring(comma + 1).trim();
        if (!EcgRecord.isValidLabel(label)) {
            return "unknown label '" + excerpt(label) + "' for record " + id + " (expected one of N, A, O, ~)";
        }
        return null;
    }

    private static String excerpt(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    private static String stripBom(String line) {
        return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
    }
}
