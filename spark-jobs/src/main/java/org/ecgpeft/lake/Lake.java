package org.ecgpeft.lake;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Delta tables of one table root (a local folder or any Hadoop URI): paths, creation, appends,
 * idempotent MERGE upserts, versions and SQL views. All writes are conformed to {@link Table#schema()}.
 * Every table this lake creates or writes is also registered in the Spark catalog as
 * {@code <database>.<table>} ({@link #catalogName}; database {@code ecg} unless {@code spark.ecg.database}
 * says otherwise).
 */
public final class Lake {
    private static final Logger LOG = LoggerFactory.getLogger(Lake.class);
    /** Tries at creating a table while concurrent writers race to create it (see {@link #createIfAbsent}). */
    private static final int CREATE_ATTEMPTS = 5;

    private static final Pattern VIEW_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A commit ({@code 00000000000000000000.json}) or checkpoint of a Delta log; temporary files start with a dot. */
    private static final Pattern LOG_ENTRY = Pattern.compile("\\d{20}\\.(json|checkpoint\\..*)");

    private final SparkSession spark;
    private final Path root;
    private final CatalogRegistry catalog;
    /** Creations started by {@link #createInBackground}, until {@link #createIfAbsent} takes their answer. */
    private final Map<Table, CompletableFuture<Boolean>> creating = new ConcurrentHashMap<>();

    /** A lake rooted at {@code root}, e.g. {@code ./ecg-lake}, {@code file:/data/lake}, {@code s3a://b/lake}. */
    public Lake(SparkSession spark, String root) {
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException("table root must not be blank");
        }
        this.spark = spark;
        Path given = new Path(root);
        // Delta's table builder reads a relative location such as "ecg-lake/ecg_records" as a table name, so a
        // local root without a scheme is made absolute (against the working directory).
        this.root = given.toUri().getScheme() == null && !given.isAbsolute()
                ? new Path(
                        java.nio.file.Path.of(root).toAbsolutePath().normalize().toString())
                : given;
        this.catalog = new CatalogRegistry(spark);
    }

    /** The table root: as given, or made absolute when it was a relative local path. */
    public String root() {
        return root.toString();
    }

    /** Location of a table under the root. */
    public String path(Table table) {
        return new Path(root, table.tableName()).toString();
    }

    /** Whether the table has been created (after a creation started in the background has ended). */
    public boolean exists(Table table) {
        awaitCreation(table);
        return DeltaTable.isDeltaTable(spark, path(table));
    }

    /**
     * Whether the table may hold rows: false only when it does not exist or its current version has no data file.
     * Read from the Delta log (no scan of the data), so a job can skip checks against a new table cheaply.
     */
    public boolean mayHaveRows(Table table) {
        return exists(table)
                && DeltaTable.forPath(spark, path(table))
                                .detail()
                                .select("numFiles")
                                .first()
                                .getLong(0)
                        > 0;
    }

    /** The table by path in Delta's SQL syntax, {@code delta.`<path>`}, for statements the Delta API lacks. */
    public String sqlName(Table table) {
        return "delta.`" + path(table).replace("`", "``") + "`";
    }

    /** The table's name in the Spark catalog, e.g. {@code ecg.ecg_metrics}. */
    public String catalogName(Table table) {
        return catalog.qualifiedName(table.tableName());
    }

    /**
     * Creates the (empty) table with its schema unless it exists, and registers it in the catalog. An existing
     * table that still declares NOT NULL on a column the catalogue now allows to be null (a lake written by an
     * older version) has the constraint dropped, so rows valid under the current schema can be written.
     *
     * @return whether this call found no committed table and ran the creation (which is a no-op when a writer
     *     racing this one committed the table first), so it holds no rows unless such a writer wrote some meanwhile:
     *     callers may skip work on that answer (checks against stored rows) but must stay correct when rows are there
     */
    public boolean createIfAbsent(Table table) {
        CompletableFuture<Boolean> started = creating.remove(table);
        return started != null ? Background.await(started, "creating " + table.tableName()) : createNow(table);
    }

    /**
     * Starts {@link #createIfAbsent} of each table on a driver thread of its own and returns at once, so that a job
     * can read its input while its output tables are created: each creation is a Delta commit and a catalog entry,
     * ~0.4 s of the driver mostly waiting on the file system, in which the executors are idle otherwise. The next
     * {@link #createIfAbsent} of the table (every write calls it) returns that creation's answer, or throws its
     * failure; other calls on the table wait for it to end.
     */
    public void createInBackground(Table... tables) {
        for (Table t : tables) {
            creating.computeIfAbsent(t, k -> Background.start("create-" + k.tableName(), () -> createNow(k)));
        }
    }

    private void awaitCreation(Table table) {
        CompletableFuture<Boolean> started = creating.get(table);
        if (started != null) {
            Background.await(started, "creating " + table.tableName());
        }
    }

    private boolean createNow(Table table) {
        // An existing table is left as it is: Delta's create-if-not-exists would cost a snapshot read to find that out.
        // Asked of the first commit, not the log folder, which a concurrent creator makes before its commit.
        boolean created = !hasCommit(table) && create(table);
        catalog.registerOnce(table.tableName(), path(table));
        StructType stored = storedSchema(table);
        for (StructField f : table.schema().fields()) {
            if (f.nullable()
                    && Arrays.asList(stored.fieldNames()).contains(f.name())
                    && !stored.apply(f.name()).nullable()) {
                LOG.info(
                        "{}: column {} may now be null; dropping its NOT NULL constraint", table.tableName(), f.name());
                spark.sql("ALTER TABLE " + sqlName(table) + " ALTER COLUMN `" + f.name() + "` DROP NOT NULL");
            }
        }
        return created;
    }

    /** Creates the table unless a concurrent writer does; returns false when one did first. */
    private boolean create(Table table) {
        for (int attempt = 1; ; attempt++) {
            try {
                DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark)
                        .location(path(table))
                        .addColumns(table.schema());
                table.properties().forEach(builder::property);
                if (!table.partitionColumns().isEmpty()) {
                    builder.partitionedBy(table.partitionColumns().toArray(String[]::new));
                }
                builder.execute();
                return true;
            } catch (Exception e) { // AnalysisException (DELTA_TABLE_NOT_FOUND) is checked in Java, yet undeclared
                // Two writers creating the table at once: Delta fails the later one, with ProtocolChangedException
                // on an empty folder, or DELTA_TABLE_NOT_FOUND when it saw the other's log folder before its first
                // commit. The table existing afterwards is all this method promises; else it tries again, and a
                // failure that is no such race is a real error.
                if (!isCreationRace(e)) {
                    throw e;
                }
                if (hasCommit(table)) {
                    LOG.info("{}: created by a concurrent writer", table.tableName());
                    return false;
                }
                if (attempt == CREATE_ATTEMPTS) {
                    throw e;
                }
                LOG.info("{}: a concurrent creation is under way; trying again", table.tableName());
                sleepBeforeRetry(attempt);
            }
        }
    }

    /**
     * Whether the table has its first commit: a concurrent creator makes the log folder before that. Read from the
     * log folder's listing (a commit or checkpoint file; Delta writes each one atomically under its final name)
     * rather than through Delta, whose history query would cost a Spark job on every call.
     */
    private boolean hasCommit(Table table) {
        Path log = new Path(path(table), "_delta_log");
        try {
            FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.listStatus(log, f -> LOG_ENTRY.matcher(f.getName()).matches()).length > 0;
        } catch (FileNotFoundException noLogYet) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Delta log of " + path(table), e);
        }
    }

    private static boolean isCreationRace(Exception e) {
        return e instanceof ConcurrentModificationException
                || (e instanceof SparkThrowable t && "DELTA_TABLE_NOT_FOUND".equals(t.getErrorClass()));
    }

    private static void sleepBeforeRetry(int attempt) {
        try {
            Thread.sleep(100L * attempt);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to create a table", interrupted);
        }
    }

    /**
     * Sets the table's {@link Table#properties()} where a lake written by an older version lacks them; returns
     * the properties that were set. The signal layout is named only once the signals have it
     * ({@link #migrateLayout}).
     */
    public Map<String, String> applyProperties(Table table) {
        requireExists(table);
        Map<String, String> stored = DeltaTable.forPath(spark, path(table))
                .detail()
                .select("properties")
                .head()
                .getJavaMap(0);
        boolean oldSignals = layoutChange(table).signals();
        Map<String, String> missing = new LinkedHashMap<>();
        table.properties().forEach((k, v) -> {
            if (!v.equals(stored.get(k)) && !(oldSignals && k.equals(Floats.LAYOUT_PROPERTY))) {
                missing.put(k, v);
            }
        });
        if (!missing.isEmpty()) {
            spark.sql("ALTER TABLE " + sqlName(table) + " SET TBLPROPERTIES ("
                    + String.join(
                            ", ",
                            missing.entrySet().stream()
                                    .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'")
                                    .toList())
                    + ")");
        }
        return missing;
    }

    /** The columns the stored table is partitioned by (a lake written by an older version may differ). */
    public List<String> storedPartitionColumns(Table table) {
        requireExists(table);
        return DeltaTable.forPath(spark, path(table))
                .detail()
                .select("partitionColumns")
                .head()
                .getList(0);
    }

    /** How the stored table's layout differs from this version's (a lake written by an older version). */
    public LayoutChange layoutChange(Table table) {
        boolean partitions = !storedPartitionColumns(table).equals(table.partitionColumns());
        StructType stored = storedSchema(table);
        boolean signals = table.signalColumns().stream()
                .anyMatch(c -> Floats.isOld(stored.apply(c).dataType()));
        return new LayoutChange(partitions, signals);
    }

    /**
     * Rewrites the table in this version's layout: partitioned by its {@link Table#partitionColumns()}, signals
     * in the {@link Floats} layout, bit for bit. One overwrite commit of the same rows: readers of the new version
     * see the new layout, time travel to older versions still works (readers decode either layout) until VACUUM.
     * Returns what had to change (nothing: no commit).
     */
    public LayoutChange migrateLayout(Table table) {
        LayoutChange change = layoutChange(table);
        if (!change.any()) {
            return change;
        }
        LOG.info(
                "{}: rewriting it partitioned by {}{}",
                table.tableName(),
                table.partitionColumns(),
                change.signals() ? ", signals as " + Floats.LAYOUT : "");
        Dataset<Row> rows = spark.read().format("delta").load(path(table));
        for (String c : table.signalColumns()) {
            if (Floats.isOld(rows.schema().apply(c).dataType())) {
                rows = rows.withColumn(c, Floats.encoded(functions.col(c)));
            }
        }
        rows.write()
                .format("delta")
                .mode("overwrite")
                .option("overwriteSchema", "true")
                .partitionBy(table.partitionColumns().toArray(String[]::new))
                .save(path(table));
        if (change.signals()) {
            applyProperties(table);
        }
        return change;
    }

    /**
     * What a layout migration changes.
     *
     * @param partitions the partition columns
     * @param signals    the signal columns' encoding ({@code array<float>} to binary float32)
     */
    public record LayoutChange(boolean partitions, boolean signals) {
        /** Whether anything changes. */
        public boolean any() {
            return partitions || signals;
        }
    }

    /** Creates every table of the catalogue that is missing. */
    public void createAll() {
        for (Table t : Table.values()) {
            createIfAbsent(t);
        }
    }

    /** The current rows of a table; fails with the table name and path when it was never written. */
    public Dataset<Row> read(Table table) {
        requireExists(table);
        return spark.read().format("delta").load(path(table));
    }

    /** The rows of a table as of a Delta version (time travel), for reproducible derived data. */
    public Dataset<Row> readVersion(Table table, long version) {
        requireExists(table);
        return spark.read().format("delta").option("versionAsOf", version).load(path(table));
    }

    /** The table's commit history (Delta's {@code DESCRIBE HISTORY}: version, timestamp, operation, ...). */
    public Dataset<Row> history(Table table) {
        requireExists(table);
        return DeltaTable.forPath(spark, path(table)).history();
    }

    /** The current Delta version of a table: the data version derived tables record. */
    public long version(Table table) {
        requireExists(table);
        return DeltaTable.forPath(spark, path(table))
                .history(1)
                .select("version")
                .head()
                .getLong(0);
    }

    /** Appends rows (conformed to the table's schema), creating the table if needed. */
    public void append(Table table, Dataset<Row> rows) {
        createIfAbsent(table);
        conform(table, rows).write().format("delta").mode("append").save(path(table));
    }

    /**
     * Replaces exactly the rows matching {@code condition} (a SQL predicate) by {@code rows}; every new row
     * must satisfy the predicate. Re-running with the same input leaves the same content. A table without a commit
     * (and no creation of it started in the background) is created holding the rows, in one commit.
     */
    public void replaceWhere(Table table, Dataset<Row> rows, String condition) {
        if (createdHolding(table, rows, Optional.of(condition))) {
            return;
        }
        createIfAbsent(table);
        conform(table, rows)
                .write()
                .format("delta")
                .mode("overwrite")
                .option("replaceWhere", condition)
                .save(path(table));
    }

    /**
     * MERGE upsert on the table's key columns. A source row is written only when its key is new, or when
     * one of {@code changeColumns} differs from the stored row; if nothing is new or changed no Delta
     * commit happens, so re-running on the same input keeps the table version (and data versions) stable.
     * Every write is a MERGE (insert-only when all keys are new), never a blind append.
     * Duplicate keys within the source keep one row.
     *
     * @return the number of rows inserted or updated
     */
    public long upsert(Table table, Dataset<Row> rows, List<String> changeColumns) {
        return upsert(table, rows, changeColumns, SourceKeys.MAY_REPEAT);
    }

    /**
     * {@link #upsert(Table, Dataset, List)} for a caller that knows whether its rows repeat a key: with
     * {@link SourceKeys#UNIQUE} the check for repeated keys (a shuffle of every key) is skipped.
     */
    public long upsert(Table table, Dataset<Row> rows, List<String> changeColumns, SourceKeys sourceKeys) {
        boolean created = createIfAbsent(table);
        List<String> keys = table.keyColumns();
        Dataset<Row> conformed = conform(table, rows);
        Dataset<Row> source = sourceKeys == SourceKeys.UNIQUE ? conformed : distinctKeys(table, conformed);
        // A table this call created needs no look at its files (DESCRIBE DETAIL reads the whole log state).
        if (created || !mayHaveRows(table)) {
            // First load: nothing to match, so skip the anti-join and its cached copy of the data. The insert-only
            // MERGE still keeps out a key that a writer racing this one inserted meanwhile.
            long n = source.count();
            if (n > 0) {
                insertNew(table, source);
            }
            LOG.info("{}: loaded {} rows into the empty table", table.tableName(), n);
            return n;
        }
        List<String> identity = new ArrayList<>(keys);
        identity.addAll(changeColumns);
        Dataset<Row> stored = read(table).select(columns(identity));
        Dataset<Row> changes =
                source.join(stored, toSeq(identity), "left_anti").persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long n = changes.count();
            if (n == 0) {
                LOG.info("{}: nothing new or changed, no commit", table.tableName());
                return 0;
            }
            long inserts = changes.join(stored.select(columns(keys)), toSeq(keys), "left_anti")
                    .count();
            if (inserts == n) {
                insertNew(table, changes);
            } else {
                DeltaTable.forPath(spark, path(table))
                        .as("t")
                        .merge(changes.as("s"), keyMatch(keys))
                        .whenMatched()
                        .updateAll()
                        .whenNotMatched()
                        .insertAll()
                        .execute();
            }
            LOG.info("{}: upserted {} rows ({} new keys)", table.tableName(), n, inserts);
            return n;
        } finally {
            changes.unpersist();
        }
    }

    /**
     * Inserts the rows whose keys the table lacks, creating the table if needed, without counting them first, so the
     * rows are evaluated once, by the insert: for a caller whose rows cost a pass over its input (ingest's parse) and
     * that counts them as they are written (observed metrics). Like {@link #upsert}'s first load it is an insert-only
     * MERGE, so a key a racing writer stored meanwhile keeps its row, and nothing to insert makes no commit. The rows'
     * keys must be unique. A table without a commit (and no creation of it started in the background) is created
     * holding the rows, in one commit; a writer that created it first makes that commit fail and this the MERGE.
     */
    public void insertOnly(Table table, Dataset<Row> rows) {
        if (createdHolding(table, rows, Optional.empty())) {
            return;
        }
        createIfAbsent(table);
        insertNew(table, conform(table, rows));
    }

    /**
     * Creates the table holding {@code rows} in one commit ({@link FirstCommit}) when it has no commit and no creation
     * of it was started in the background, and registers it in the catalog; false when it did not (the table existed,
     * or a racing writer created it first), and the caller writes as to an existing table.
     */
    private boolean createdHolding(Table table, Dataset<Row> rows, Optional<String> predicate) {
        if (creating.containsKey(table)
                || hasCommit(table)
                || !FirstCommit.create(spark, table, path(table), conform(table, rows, table.schema()), predicate)) {
            return false;
        }
        LOG.info("{}: created holding its first rows, in one commit", table.tableName());
        catalog.registerOnce(table.tableName(), path(table));
        return true;
    }

    /** What a caller of {@link #upsert(Table, Dataset, List, SourceKeys)} knows of its rows' keys. */
    public enum SourceKeys {
        /** No two rows share a key (by construction or checked before): no check needed. */
        UNIQUE,
        /** Rows may repeat a key: checked, and one row per key kept. */
        MAY_REPEAT
    }

    /**
     * Inserts rows whose keys the table lacked when they were computed, as an insert-only MERGE rather than
     * a blind append: a concurrent writer that inserted one of the keys meanwhile makes this commit conflict
     * (or, when it committed first, the row is not inserted twice), so a key never gets two rows.
     */
    private void insertNew(Table table, Dataset<Row> rows) {
        DeltaTable.forPath(spark, path(table))
                .as("t")
                .merge(rows.as("s"), keyMatch(table.keyColumns()))
                .whenNotMatched()
                .insertAll()
                .execute();
    }

    private static String keyMatch(List<String> keys) {
        return String.join(
                " AND ", keys.stream().map(k -> "t.`" + k + "` = s.`" + k + "`").toList());
    }

    /**
     * MERGE needs at most one source row per key. Checking on the key columns alone is cheap; the full
     * rows (with their signals) are only shuffled for de-duplication when duplicates really exist.
     */
    private static Dataset<Row> distinctKeys(Table table, Dataset<Row> source) {
        Dataset<Row> keys = source.select(columns(table.keyColumns()));
        long duplicates = keys.count() - keys.distinct().count();
        if (duplicates == 0) {
            return source;
        }
        LOG.warn(
                "{}: {} source rows repeat a key {}; keeping one per key",
                table.tableName(),
                duplicates,
                table.keyColumns());
        return source.dropDuplicates(table.keyColumns().toArray(String[]::new));
    }

    private static Column[] columns(List<String> names) {
        return names.stream().map(functions::col).toArray(Column[]::new);
    }

    /**
     * Registers every Delta table found directly under the root (catalogue tables and any others) as a
     * temporary view named after its folder, so SQL can use the stable names, and in the catalog database.
     *
     * @return the registered view names, sorted
     */
    public List<String> registerViews() {
        List<String> names = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(root)) {
                return names;
            }
            FileStatus[] children = fs.listStatus(root);
            Arrays.sort(children);
            for (FileStatus child : children) {
                String name = child.getPath().getName();
                String location = child.getPath().toString();
                if (child.isDirectory()
                        && VIEW_NAME.matcher(name).matches()
                        && DeltaTable.isDeltaTable(spark, location)) {
                    spark.read().format("delta").load(location).createOrReplaceTempView(name);
                    catalog.register(name, location);
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list table root " + root, e);
        }
        return names;
    }

    private void requireExists(Table table) {
        if (!exists(table)) {
            throw new IllegalStateException("table " + table.tableName() + " does not exist at " + path(table)
                    + " (run the job that writes it first)");
        }
    }

    /**
     * Selects the table's columns in schema order, cast to the schema's types; a missing column is an error. A
     * table still in the old signal layout (not yet migrated by {@code maintain}) gets its signals in that layout.
     */
    private Dataset<Row> conform(Table table, Dataset<Row> rows) {
        return conform(table, rows, table.signalColumns().isEmpty() ? table.schema() : storedSchema(table));
    }

    /** As above, for the table's {@code stored} schema. */
    private static Dataset<Row> conform(Table table, Dataset<Row> rows, StructType stored) {
        List<String> present = Arrays.asList(rows.columns());
        List<Column> cols = new ArrayList<>();
        for (StructField f : table.schema().fields()) {
            if (!present.contains(f.name())) {
                throw new IllegalArgumentException(
                        "rows for " + table.tableName() + " lack column '" + f.name() + "' (have " + present + ")");
            }
            Column c = functions.col(f.name()).cast(f.dataType());
            if (table.signalColumns().contains(f.name())
                    && Floats.isOld(stored.apply(f.name()).dataType())) {
                c = Floats.decoded(c);
            }
            cols.add(c.as(f.name()));
        }
        return rows.select(cols.toArray(Column[]::new));
    }

    private StructType storedSchema(Table table) {
        return DeltaTable.forPath(spark, path(table)).toDF().schema();
    }

    private static scala.collection.Seq<String> toSeq(List<String> list) {
        return scala.collection.JavaConverters.asScalaBuffer(list).toSeq();
    }
}
