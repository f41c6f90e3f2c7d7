package org.ecgpeft.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A GitHub-flavoured Markdown table; numeric columns are right-aligned. */
final class MarkdownTable {

    private final List<String> header;
    private final boolean[] numeric;
    private final List<List<String>> rows = new ArrayList<>();

    /** Columns whose name starts with {@code >} are right-aligned (the marker is not printed). */
    MarkdownTable(String... columns) {
        header = new ArrayList<>();
        numeric = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            numeric[i] = columns[i].startsWith(">");
            header.add(numeric[i] ? columns[i].substring(1) : columns[i]);
        }
    }

    MarkdownTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("table row has " + cells.length + " cells, header has " + header.size());
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(escape(String.valueOf(cell)));
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (boolean right : numeric) {
            sb.append(right ? " ---: |" : " --- |");
        }
        sb.append('\n');
        rows.forEach(r -> sb.append("| ").append(String.join(" | ", r)).append(" |\n"));
        return sb.toString();
    }

    /** 4 decimals, or an en dash for a missing value. */
    static String metric(double v) {
        return Double.isNaN(v) ? "\u2013" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** Fixed decimals, or an en dash for a missing value. */
    static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "\u2013" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /**
     * A memory size given in GiB, in MiB below 1 GiB (a tiny model's few MiB would read 0.00 GiB) and in GiB from
     * there; a dash when not measured.
     */
    static String memory(double gib) {
        if (Double.isNaN(gib)) {
            return "\u2013";
        }
        return gib < 1
                ? String.format(Locale.ROOT, "%.1f MiB", gib * 1024)
                : String.format(Locale.ROOT, "%.2f GiB", gib);
    }

    /** Thousands-separated count. */
    static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|").replace("\n", " ");
    }
}
