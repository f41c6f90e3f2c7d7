package org.ecgpeft.jobs.preprocess;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.ecgpeft.lake.Floats;
import org.ecgpeft.lake.Table;
import org.ecgpeft.signal.WindowSpec;
import org.ecgpeft.signal.Windowing;
import org.ecgpeft.signal.ZScore;

/**
 * Cuts labelled records into z-scored windows on the executors, producing {@code ecg_segments} rows.
 * Input rows: {@code record_id, label (N|A), split, signal}. Shared by preprocess and the jobs that prepare
 * newer records with a trained model's own recipe (evaluate, predict).
 *
 * <p>The cut is one SQL function over the stored signal and {@code posexplode} of its windows, so the rows stay
 * in Spark's binary row format from the Parquet scan to the writer: no {@code Row} object per record or window.
 */
public final class SegmentWriter {
    private SegmentWriter() {}

    /**
     * The {@code ecg_segments} rows of {@code records} (columns record_id, label, split, signal) windowed and
     * z-scored as {@code config} says.
     *
     * @param mean global mean (ignored for per-segment mode)
     * @param std  global std (ignored for per-segment mode)
     */
    public static Dataset<Row> segments(
            Dataset<Row> records, PreprocessConfig config, double mean, double std, String dataVersion) {
        return segments(records, config, mean, std, dataVersion, List.of());
    }

    /**
     * As above, with the record's columns {@code carried} copied onto each of its windows, after the segment
     * columns (a record-level flag, for instance), so no join has to bring them back.
     */
    public static Dataset<Row> segments(
            Dataset<Row> records,
            PreprocessConfig config,
            double mean,
            double std,
            String dataVersion,
            List<String> carried) {
        UserDefinedFunction cut = windows(config.window(), config.norm(), mean, std);
        List<Column> columns = new ArrayList<>(List.of(
                col("record_id"),
                posexplode(cut.apply(col("signal"))).as(new String[] {"segment_idx", "signal"}),
                when(col("label").equalTo("A"), 1).otherwise(0).as("label"),
                col("split"),
                lit(config.norm().label()).as("norm_mode"),
                lit(dataVersion).as("data_version")));
        List<String> order = new ArrayList<>(List.of(Table.ECG_SEGMENTS.schema().fieldNames()));
        for (String c : carried) {
            columns.add(col(c));
            order.add(c);
        }
        return records.select(columns.toArray(Column[]::new))
                .select(order.stream().map(functions::col).toArray(Column[]::new));
    }

    /** The SQL function from a stored signal (either layout) to its normalised windows, each in the stored layout. */
    private static UserDefinedFunction windows(WindowSpec window, NormMode norm, double mean, double std) {
        return udf(
                        (UDF1<Object, byte[][]>) signal -> {
                            List<float[]> windows = Windowing.windows(Floats.fromSql(signal), window);
                            byte[][] out = new byte[windows.size()][];
                            for (int i = 0; i < out.length; i++) {
                                float[] w = norm == NormMode.GLOBAL
                                        ? ZScore.global(windows.get(i), mean, std)
                                        : ZScore.perSegment(windows.get(i));
                                out[i] = Floats.encode(w);
                            }
                            return out;
                        },
                        DataTypes.createArrayType(Floats.TYPE, false))
                .asNonNullable();
    }
}
