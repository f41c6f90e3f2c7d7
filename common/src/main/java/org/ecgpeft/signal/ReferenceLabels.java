package org.ecgpeft.signal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reader for a PhysioNet challenge {@code REFERENCE.csv} ("A00001,N" per line). */
public final class ReferenceLabels {

    private ReferenceLabels() {
    }

    /**
     * Reads record id to label, in file order. Blank lines are skipped; a malformed line, an unknown
     * label or a duplicate record id fails with an {@link EcgFormatException} naming the line.
     */
    public static Map<String, String> read(Path referenceCsv) throws IOException, EcgFormatException {
        Map<String, String> labels = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(referenceCsv, StandardCharsets.UTF_8)) {
            String line;
            long lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                String text = stripBom(line).trim();
                if (text.isEmpty()) {
                    continue;
                }
                String locator = referenceCsv + ":" + lineNumber;
                int comma = text.indexOf(',');
                if (comma < 0 || text.indexOf(',', comma + 1) >= 0) {
                    throw new EcgFormatException(locator, "expected 'recordId,label', got '" + text + "'");
                }
                String id = text.substring(0, comma).trim();
                String label = text.substring(comma + 1).trim();
                if (id.isEmpty()) {
                    throw new EcgFormatException(locator, "empty record id");
                }
                if (!EcgRecord.isValidLabel(label)) {
                    throw new EcgFormatException(locator, "unknown label '" + label + "' for record " + id
                            + " (expected one of N, A, O, ~)");
                }
                if (labels.putIfAbsent(id, label) != null) {
                    throw new EcgFormatException(locator, "duplicate record id " + id);
                }
            }
        }
        return Collections.unmodifiableMap(labels);
    }

    private static String stripBom(String line) {
        return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
    }
}
