package org.ecgpeft.lake;

import java.util.ConcurrentModificationException;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.FileAction;
import org.apache.spark.sql.delta.actions.Format;
import org.apache.spark.sql.delta.actions.Metadata;
import org.apache.spark.sql.delta.constraints.Constraint;
import org.apache.spark.sql.delta.constraints.Constraints;
import org.apache.spark.sql.functions;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * A table's creation and its first rows as one Delta commit (version 0), where creating the empty table and then
 * writing to it takes two commits and a snapshot of the new table in between (~0.7 s of a first load, most of a small
 * one's time). The table gets exactly what {@link Lake#createIfAbsent} gives it (the catalogue's schema with its NOT
 * NULL columns, partitioning and properties): Delta's own create-from-a-query path would make every column nullable,
 * so this goes through Delta's transaction API, as Delta's commands do, with the schema's constraints (and the caller's
 * predicate) checked on every row as they are written.
 *
 * <p>The commit is the first of the table's log, so it fails when a writer racing this one created the table
 * meanwhile; {@link #create} then answers false and the caller writes the way it writes to an existing table. The
 * files the failed attempt wrote are referenced by no commit (VACUUM removes them).
 */
final class FirstCommit {
    private FirstCommit() {}

    /**
     * Creates {@code table} at {@code path} holding {@code rows} (conformed to its schema), every row checked against
     * {@code predicate} (SQL) when one is given; false when the table has a commit already or a racing writer
     * committed its creation first, and nothing of this call is then in the table.
     */
    static boolean create(SparkSession spark, Table table, String path, Dataset<Row> rows, Optional<String> predicate) {
        OptimisticTransaction txn = DeltaLog.forTable(spark, path).startTransaction(Option.empty(), Option.empty());
        if (txn.readVersion() >= 0) {
            return false;
        }
        Metadata metadata = metadata(table);
        txn.updateMetadataForNewTable(metadata);
        Seq<Constraint> checks = seq(predicate
                .map(p -> java.util.List.<Constraint>of(
                        new Constraints.Check("replaceWhere", functions.expr(p).expr())))
                .orElse(java.util.List.of()));
        Seq<FileAction> files = txn.writeFiles(rows, checks);
        try {
            @SuppressWarnings("unchecked")
            Seq<Action> actions = (Seq<Action>) (Seq<?>) files;
            txn.commit(actions, new DeltaOperations.CreateTable(metadata, false, true, Option.empty()));
            return true;
        } catch (ConcurrentModificationException createdMeanwhile) {
            return false;
        }
    }

    /** The table's metadata as {@link Lake}'s table builder would commit it. */
    private static Metadata metadata(Table table) {
        scala.collection.immutable.Map<String, String> properties = scala.collection.immutable.Map$.MODULE$.empty();
        for (var e : table.properties().entrySet()) {
            properties = properties.$plus(new Tuple2<>(e.getKey(), e.getValue()));
        }
        return new Metadata(
                UUID.randomUUID().toString(),
                null,
                null,
                new Format("parquet", scala.collection.immutable.Map$.MODULE$.empty()),
                table.schema().json(),
                seq(table.partitionColumns()),
                properties,
                Option.<Object>apply(System.currentTimeMillis()));
    }

    private static <T> Seq<T> seq(java.util.List<T> list) {
        return JavaConverters.asScalaBuffer(list).toSeq();
    }
}
