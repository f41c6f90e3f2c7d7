package org.ecgpeft.jobs.sql;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes a query result to one CSV file (local or Hadoop URI) with a header line, streaming partitions
 * to the driver one at a time; fields with commas, quotes or line breaks are quoted (RFC 4180).
 */
final class CsvExport {
    private CsvExport() {}

    static long write(Dataset<Row> result, String file) throws IOException {
        Path path = new Path(file);
        FileSystem fs = path.getFileSystem(result.sparkSession().sparkContext().hadoopConfiguration());
        long n = 0;
        try (BufferedWriter w =
                new BufferedWriter(new OutputStreamWriter(fs.create(path, true), StandardCharsets.UTF_8))) {
            String[] names = result.columns();
            for (int c = 0; c < names.length; c++) {
                w.write((c > 0 ? "," : "") + quote(names[c]));
            }
            w.newLine();
            Iterator<Row> it = result.toLocalIterator();
            while (it.hasNext()) {
                Row r = it.next();
                for (int c = 0; c < names.length; c++) {
                    w.write((c > 0 ? "," : "") + (r.isNullAt(c) ? "" : quote(Cells.text(r.get(c)))));
                }
                w.newLine();
                n++;
            }
        }
        return n;
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
