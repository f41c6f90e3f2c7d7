package org.ecgpeft.jobs.sql;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Prints a query result as an aligned text table (numbers right-aligned), at most {@code maxRows} rows. */
final class TablePrinter {
    private final int maxRows;
    private final int maxWidth;

    TablePrinter(int maxRows, int maxWidth) {
        this.maxRows = maxRows;
        this.maxWidth = maxWidth;
    }

    void print(Dataset<Row> result, PrintStream out) {
        String[] names = result.columns();
        List<Row> rows = result.takeAsList(maxRows + 1);
        boolean more = rows.size() > maxRows;
        List<Row> shown = more ? rows.subList(0, maxRows) : rows;
        int[] width = new int[names.length];
        boolean[] rightAlign = new boolean[names.length];
        List<String[]> cells = new ArrayList<>();
        for (int c = 0; c < names.length; c++) {
            width[c] = names[c].length();
            rightAlign[c] = true;
        }
        for (Row r : shown) {
            String[] line = new String[names.length];
            for (int c = 0; c < names.length; c++) {
                Object v = r.get(c);
                line[c] = cut(Cells.text(v));
                width[c] = Math.max(width[c], line[c].length());
                rightAlign[c] &= v == null || Cells.numeric(v);
            }
            cells.add(line);
        }
        String[] header = new String[names.length];
        String[] rule = new String[names.length];
        for (int c = 0; c < names.length; c++) {
            header[c] = pad(names[c], width[c], false);
            rule[c] = "-".repeat(width[c]);
        }
        out.println(String.join(" | ", header).stripTrailing());
        out.println(String.join("-+-", rule));
        for (String[] line : cells) {
            String[] padded = new String[line.length];
            for (int c = 0; c < line.length; c++) {
                padded[c] = pad(line[c], width[c], rightAlign[c]);
            }
            out.println(String.join(" | ", padded).stripTrailing());
        }
        out.println(
                more
                        ? "(first " + maxRows + " rows shown; use --max-rows or --csv for more)"
                        : "(" + shown.size() + (shown.size() == 1 ? " row)" : " rows)"));
    }

    private String cut(String s) {
        return s.length() <= maxWidth ? s : s.substring(0, maxWidth - 3) + "...";
    }

    private static String pad(String s, int width, boolean right) {
        return right ? String.format("%" + width + "s", s) : String.format("%-" + width + "s", s);
    }
}
