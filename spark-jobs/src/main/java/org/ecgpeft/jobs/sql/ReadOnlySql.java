package org.ecgpeft.jobs.sql;

import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.SparkSqlParser;

/**
 * Decides whether one SQL statement only reads, from the plans Spark's parsers make of it rather than from its
 * words. The session's parser (Spark's with Delta's extension) must accept it; a statement whose plan is one of
 * the reporting commands (SHOW / DESCRIBE / EXPLAIN, Delta's DESCRIBE HISTORY / DETAIL) reads. Anything else must
 * also parse with Spark's own parser, and its plan must hold no command and no INSERT. So DELETE, INSERT, MERGE,
 * UPDATE, DROP, ALTER, CREATE, TRUNCATE, CACHE and SET are writes, as is every other Delta-only statement
 * (OPTIMIZE, VACUUM, RESTORE, CLONE, ...), whose plans need not be commands.
 */
final class ReadOnlySql {
    /** Commands that only report. */
    private static final Set<String> READING_COMMANDS = Set.of(
            "ShowTables",
            "ShowTableExtended",
            "ShowViews",
            "ShowColumns",
            "ShowFunctions",
            "ShowTableProperties",
            "ShowCreateTable",
            "ShowNamespaces",
            "ShowPartitions",
            "DescribeRelation",
            "DescribeColumn",
            "DescribeFunction",
            "DescribeNamespace",
            "ExplainCommand",
            "DescribeDeltaHistory",
            "DescribeDeltaDetailCommand");

    private ReadOnlySql() {}

    /**
     * Parses {@code sql} and refuses it unless it only reads.
     *
     * @throws IllegalArgumentException naming the kind of statement and the {@code --write} option
     * @throws ParseException when the statement is not valid SQL
     */
    static void require(SparkSession spark, String sql) throws ParseException {
        LogicalPlan plan = spark.sessionState().sqlParser().parsePlan(sql);
        if (READING_COMMANDS.contains(plan.getClass().getSimpleName())) {
            return;
        }
        LogicalPlan core;
        try {
            core = new SparkSqlParser().parsePlan(sql);
        } catch (Exception e) { // this parsePlan declares nothing, yet throws the (in Java, checked) ParseException
            if (e instanceof ParseException) {
                throw refused(plan); // only the session parser's extension (Delta) knows this statement
            }
            throw e;
        }
        scala.Option<LogicalPlan> write = core.find(ReadOnlySql::writes);
        if (write.isDefined()) {
            throw refused(write.get());
        }
    }

    private static boolean writes(LogicalPlan node) {
        return node instanceof InsertIntoStatement
                || node instanceof Command
                        && !READING_COMMANDS.contains(node.getClass().getSimpleName());
    }

    private static IllegalArgumentException refused(LogicalPlan statement) {
        return new IllegalArgumentException("the sql job is read-only and this statement is a " + statement.nodeName()
                + "; pass --write to run statements that change tables");
    }
}
