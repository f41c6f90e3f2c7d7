package org.ecgpeft.jobs.preprocess;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ecgpeft.signal.RecordSplitter;

/**
 * Deterministic record-level split with the project's one split rule, {@link RecordSplitter}: within each
 * label, records are ordered by a seeded hash of their id and cut at the shares, so every label gets its
 * exact proportions even in a small data set (a hash threshold alone can leave a small validation split
 * without AF), all segments of a record share its split (no leakage), and the MS-CNN command and the Spark
 * jobs agree on which record is where.
 *
 * @param train share of records for training
 * @param val   share for validation
 * @param test  share for testing
 * @param seed  hash seed
 */
public record SplitPlan(double train, double val, double test, long seed) {
  /** Validates that the shares are non-negative and sum to 1. */
  public SplitPlan {
    if (train < 0 || val < 0 || test < 0 || Math.abs(train + val + test - 1) > 1e-6) {
      throw new IllegalArgumentException("--split shares must be >= 0 and sum to 100, got "
          + train * 100 + "/" + val * 100 + "/" + test * 100);
    }
  }

  /** Parses {@code 75/10/15} (percentages). */
  public static SplitPlan parse(String s, long seed) {
    String[] p = s.split("/");
    if (p.length != 3) {
      throw new IllegalArgumentException("--split must look like 75/10/15, got '" + s + "'");
    }
    try {
      return new SplitPlan(Double.parseDouble(p[0]) / 100, Double.parseDouble(p[1]) / 100,
          Double.parseDouble(p[2]) / 100, seed);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--split must look like 75/10/15, got '" + s + "'", e);
    }
  }

  /**
   * The split of each record: {@code (record_id, split)} for rows {@code (record_id, label)}. Only ids and
   * labels come to the driver (tens of bytes per record), the cut needs the whole label's ordering.
   */
  public Dataset<Row> assign(SparkSession spark, Dataset<Row> records) {
    Map<String, Integer> labelById = new LinkedHashMap<>();
    Map<String, Integer> labelIndex = new HashMap<>();
    for (Row r : records.select("record_id", "label").collectAsList()) {
      labelById.put(r.getString(0), labelIndex.computeIfAbsent(r.getString(1), k -> labelIndex.size()));
    }
    List<Row> rows = new ArrayList<>(labelById.size());
    new RecordSplitter(train, val, seed).assign(labelById)
        .forEach((id, split) -> rows.add(RowFactory.create(id, split.tableName())));
    StructType schema = new StructType()
        .add("record_id", DataTypes.StringType, false)
        .add("split", DataTypes.StringType, false);
    return spark.createDataFrame(rows, schema);
  }

  /** Short form for data versions, e.g. {@code 75-10-15@42}. */
  public String tag() {
    return Math.round(train * 100) + "-" + Math.round(val * 100) + "-" + Math.round(test * 100) + "@" + seed;
  }
}
