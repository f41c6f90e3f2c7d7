package org.ecgpeft.jobs.preprocess;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ecgpeft.signal.RecordSplitter;
import org.ecgpeft.signal.RecordSplitter.Rule;

/**
 * Deterministic record-level split with the project's split rules, {@link RecordSplitter}: all segments of a
 * record share its split (no leakage), and the MS-CNN command and the Spark jobs agree on which record is
 * where. The default {@link Rule#STABLE} rule decides each record from its id and the seed alone, so records
 * ingested later never move earlier ones; {@link Rule#QUOTA} cuts every label at its exact shares (a fixed
 * study), and moves records when the record set changes.
 *
 * @param rule  how records are assigned
 * @param train share of records for training
 * @param val   share for validation
 * @param test  share for testing
 * @param seed  hash seed
 */
public record SplitPlan(Rule rule, double train, double val, double test, long seed) {
    /** Validates that the shares are non-negative and sum to 1. */
    public SplitPlan {
        if (rule == null) {
            throw new IllegalArgumentException("--split rule must be stable or quota");
        }
        if (train < 0 || val < 0 || test < 0 || Math.abs(train + val + test - 1) > 1e-6) {
            throw new IllegalArgumentException("--split shares must be >= 0 and sum to 100, got " + train * 100 + "/"
                    + val * 100 + "/" + test * 100);
        }
    }

    /** The stable rule with these shares. */
    public SplitPlan(double train, double val, double test, long seed) {
        this(Rule.STABLE, train, val, test, seed);
    }

    /**
     * Parses {@code [stable|quota][:T/V/T]}: {@code 75/10/15} (stable rule), {@code quota} (75/10/15 with exact
     * quotas), {@code quota:80/10/10}, {@code stable:60/20/20}.
     */
    public static SplitPlan parse(String s, long seed) {
        String usage = "--split must look like 75/10/15, stable, quota or quota:75/10/15, got '" + s + "'";
        int colon = s.indexOf(':');
        String head = colon >= 0 ? s.substring(0, colon) : s;
        Rule rule = Rule.STABLE;
        String shares = s;
        if (head.equals(Rule.STABLE.label()) || head.equals(Rule.QUOTA.label())) {
            rule = Rule.parse(head);
            shares = colon >= 0 ? s.substring(colon + 1) : "75/10/15";
        } else if (colon >= 0) {
            throw new IllegalArgumentException(usage);
        }
        String[] p = shares.split("/");
        if (p.length != 3) {
            throw new IllegalArgumentException(usage);
        }
        try {
            return new SplitPlan(
                    rule,
                    Double.parseDouble(p[0]) / 100,
                    Double.parseDouble(p[1]) / 100,
                    Double.parseDouble(p[2]) / 100,
                    seed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(usage, e);
        }
    }

    /** The common-module splitter of this plan. */
    public RecordSplitter splitter() {
        return new RecordSplitter(rule, train, val, seed);
    }

    /**
     * The split of each record: {@code (record_id, split)} for rows {@code (record_id, label)}. Only ids and
     * labels come to the driver (tens of bytes per record): the quota rule needs each label's whole ordering.
     */
    public Dataset<Row> assign(SparkSession spark, Dataset<Row> records) {
        Map<String, Integer> labelById = new LinkedHashMap<>();
        Map<String, Integer> labelIndex = new HashMap<>();
        for (Row r : records.select("record_id", "label").collectAsList()) {
            labelById.put(r.getString(0), labelIndex.computeIfAbsent(r.getString(1), k -> labelIndex.size()));
        }
        List<Row> rows = new ArrayList<>(labelById.size());
        splitter().assign(labelById).forEach((id, split) -> rows.add(RowFactory.create(id, split.tableName())));
        StructType schema = new StructType()
                .add("record_id", DataTypes.StringType, false)
                .add("split", DataTypes.StringType, false);
        return spark.createDataFrame(rows, schema);
    }

    /**
     * {@code records} (with a {@code record_id} column) and each one's {@code split}. The stable rule is a
     * function of the id alone, so it is computed on the executors as a column: nothing comes to the driver and
     * no join moves the signals. The quota rule needs each label's whole ordering: {@link #assign} and a join.
     */
    public Dataset<Row> withSplit(SparkSession spark, Dataset<Row> records) {
        if (rule == Rule.QUOTA) {
            return records.join(assign(spark, records), "record_id");
        }
        double trainShare = train;
        double valShare = val;
        long splitSeed = seed;
        UserDefinedFunction split = udf(
                        (UDF1<String, String>) id -> new RecordSplitter(Rule.STABLE, trainShare, valShare, splitSeed)
                                .stableSplit(id)
                                .tableName(),
                        DataTypes.StringType)
                .asNonNullable();
        return records.withColumn("split", split.apply(col("record_id")));
    }

    /** Short form for data versions, e.g. {@code stable75-10-15@42}: the rule, the shares and the seed. */
    public String tag() {
        return rule.label() + Math.round(train * 100) + "-" + Math.round(val * 100) + "-" + Math.round(test * 100) + "@"
                + seed;
    }
}
