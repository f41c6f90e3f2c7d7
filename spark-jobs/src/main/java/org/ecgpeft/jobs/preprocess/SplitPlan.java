package org.ecgpeft.jobs.preprocess;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;

/**
 * Deterministic record-level split. Each record gets u in [0, 1) from a seeded hash of its id and goes to
 * train if u &lt; train, val if u &lt; train + val, else test. Because u does not depend on the label the
 * proportions hold within each label (stratified in expectation), all segments of a record share its
 * split (no leakage), and a record keeps its split when other records are added in a later data version.
 *
 * @param train share of records for training
 * @param val   share for validation
 * @param test  share for testing
 * @param seed  hash seed
 */
public record SplitPlan(double train, double val, double test, long seed) {
  private static final long BUCKETS = 1_000_000L;

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

  /** The split column ({@code train}, {@code val} or {@code test}) for a record id column. */
  public Column splitOf(Column recordId) {
    Column u = pmod(xxhash64(lit(seed), recordId), lit(BUCKETS)).divide((double) BUCKETS);
    return when(u.lt(train), "train").when(u.lt(train + val), "val").otherwise("test");
  }

  /** The split column for the {@code record_id} column. */
  public Column splitOfRecordId() {
    return splitOf(col("record_id"));
  }

  /** Short form for data versions, e.g. {@code 75-10-15@42}. */
  public String tag() {
    return Math.round(train * 100) + "-" + Math.round(val * 100) + "-" + Math.round(test * 100) + "@" + seed;
  }
}
