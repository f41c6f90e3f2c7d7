package org.ecgpeft.jobs.sql;

import java.util.Iterator;
import java.util.Map;
import scala.collection.Seq;

/** Renders Spark result values as text: NULL, numbers as Java prints them, arrays and maps in brackets. */
final class Cells {
    private Cells() {}

    static String text(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof Seq<?> seq) {
            return join(scala.collection.JavaConverters.asJavaIterable(seq).iterator(), "[", "]");
        }
        if (v instanceof scala.collection.Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e :
                    scala.collection.JavaConverters.mapAsJavaMap(map).entrySet()) {
                sb.append(sb.length() > 1 ? ", " : "")
                        .append(text(e.getKey()))
                        .append(": ")
                        .append(text(e.getValue()));
            }
            return sb.append('}').toString();
        }
        return v.toString();
    }

    static boolean numeric(Object v) {
        return v instanceof Number;
    }

    private static String join(Iterator<?> it, String open, String close) {
        StringBuilder sb = new StringBuilder(open);
        while (it.hasNext()) {
            sb.append(text(it.next()));
            if (it.hasNext()) {
                sb.append(", ");
            }
        }
        return sb.append(close).toString();
    }
}
