package org.ecgpeft.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Registers a lake's Delta tables in the session catalog as external tables {@code <database>.<table>}
 * pointing at their folders, so SQL, notebooks and BI tools can name them ({@code SELECT * FROM
 * ecg.ecg_metrics}) while path access keeps working. The database is the session setting {@value #CONF}
 * ({@value #DEFAULT} by default).
 *
 * <p>With a Hive metastore the entries persist; without one Spark's catalog lives in the application, so
 * every job registers the tables it creates or writes, and the SQL jobs register all of them.
 * An entry pointing at another table root (a different lake used before with the same database) is
 * re-pointed here, with a warning; dropping an external table removes only the catalog entry, never data.
 */
final class CatalogRegistry {
    /** Session setting naming the database ({@code --conf spark.ecg.database=NAME}). */
    static final String CONF = "spark.ecg.database";

    static final String DEFAULT = "ecg";
    private static final Logger LOG = LoggerFactory.getLogger(CatalogRegistry.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final SparkSession spark;
    private final String database;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    CatalogRegistry(SparkSession spark) {
        this.spark = spark;
        this.database = spark.conf().get(CONF, DEFAULT);
        if (!NAME.matcher(database).matches()) {
            throw new IllegalArgumentException(CONF + " = '" + database
                    + "' is not a database name (letters, digits and _, not starting with a digit)");
        }
    }

    /** The qualified catalog name of a table, e.g. {@code ecg.ecg_metrics}. */
    String qualifiedName(String table) {
        return database + "." + table;
    }

    /** {@link #register} once per table for this lake: writes call it each time, the catalog is asked once. */
    void registerOnce(String name, String location) {
        if (!registered.contains(name)) {
            register(name, location);
        }
    }

    /**
     * Makes {@code database.name} an external Delta table at {@code location} (an existing Delta table).
     * Threads of one application (two evaluations started together) share the session catalog, so its
     * check-then-change is done under the catalog's lock; without it both would drop a stale entry and the
     * second drop would fail.
     */
    void register(String name, String location) {
        SessionCatalog catalog = spark.sessionState().catalog();
        synchronized (catalog) {
            spark.sql("CREATE DATABASE IF NOT EXISTS `" + database + "`");
            TableIdentifier id = new TableIdentifier(name, Option.apply(database));
            URI wanted = qualified(location);
            if (catalog.tableExists(id)) {
                CatalogTable existing = metadata(catalog, id);
                if (wanted.equals(existing.location())) {
                    registered.add(name);
                    return;
                }
                if (!existing.tableType().equals(CatalogTableType.EXTERNAL())) {
                    throw new IllegalStateException(qualifiedName(name) + " is a "
                            + existing.tableType().name()
                            + " table of the catalog, not this lake's " + location + ": choose another database ("
                            + CONF
                            + ")");
                }
                LOG.warn(
                        "{} pointed at {}; re-pointing it to {} (set {} to keep lakes apart)",
                        qualifiedName(name),
                        existing.location(),
                        wanted,
                        CONF);
                // IF EXISTS: another application sharing a metastore may have dropped it meanwhile.
                spark.sql("DROP TABLE IF EXISTS `" + database + "`.`" + name + "`");
            }
            spark.sql("CREATE TABLE IF NOT EXISTS `" + database + "`.`" + name + "` USING delta LOCATION '"
                    + literal(wanted.toString()) + "'");
            registered.add(name);
            LOG.info("{} registered in the catalog at {}", qualifiedName(name), wanted);
        }
    }

    private static CatalogTable metadata(SessionCatalog catalog, TableIdentifier id) {
        try {
            return catalog.getTableMetadata(id);
        } catch (AnalysisException e) {
            // Only when the entry vanished between the existence check and this call (another application).
            throw new IllegalStateException("cannot read the catalog entry " + id + ": " + e.getMessage(), e);
        }
    }

    private URI qualified(String location) {
        Path path = new Path(location);
        try {
            return path.getFileSystem(spark.sparkContext().hadoopConfiguration())
                    .makeQualified(path)
                    .toUri();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + location, e);
        }
    }

    /** The text of a SQL string literal: backslashes and quotes escaped. */
    private static String literal(String text) {
        return text.replace("\\", "\\\\").replace("'", "\\'");
    }
}
