package org.ecgpeft.jobs.sql;

import java.io.PrintStream;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.jobs.cli.Job;
import org.ecgpeft.lake.Lake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sql}: registers every Delta table under the root as a view named after it and runs one Spark SQL
 * statement, printing an aligned table or writing a CSV file. Read-only unless {@code --write} is given
 * ({@link ReadOnlySql}).
 */
public final class SqlJob implements Job<SqlConfig> {
    private static final Logger LOG = LoggerFactory.getLogger(SqlJob.class);

    private final PrintStream out;

    /** A job printing results to {@code out}. */
    public SqlJob(PrintStream out) {
        this.out = out;
    }

    @Override
    public String name() {
        return "sql";
    }

    @Override
    public Options options() {
        return new Options(
                name(),
                "Run Spark SQL over the Delta tables (each table is a view named after it).",
                "\"SQL\"",
                List.of(
                        Opt.value("tables", "DIR", "./ecg-lake", "Delta table root (local folder or Hadoop URI)"),
                        Opt.value("csv", "OUT", null, "write the full result to this CSV file instead of printing"),
                        Opt.value("max-rows", "N", "100", "most rows printed"),
                        Opt.value("max-width", "N", "60", "widest printed cell"),
                        Opt.flag(
                                "write",
                                "allow statements that change tables (DELETE, INSERT, MERGE, UPDATE, DROP, ALTER, "
                                        + "CREATE, ...); without it they are refused")));
    }

    @Override
    public SqlConfig configure(ParsedArgs a) {
        return new SqlConfig(
                a.string("tables"),
                String.join(" ", a.positionals()),
                a.optional("csv"),
                a.integer("max-rows"),
                a.integer("max-width"),
                a.flag("write"));
    }

    @Override
    public void run(SparkSession spark, SqlConfig config) throws Exception {
        if (!config.write()) {
            ReadOnlySql.require(spark, config.query());
        }
        List<String> views = new Lake(spark, config.tablesRoot()).registerViews();
        LOG.info("tables under {}: {}", config.tablesRoot(), views);
        Dataset<Row> result = spark.sql(config.query());
        if (config.csvOut().isPresent()) {
            long n = CsvExport.write(result, config.csvOut().get());
            LOG.info("wrote {} rows to {}", n, config.csvOut().get());
        } else {
            new TablePrinter(config.maxRows(), config.maxWidth()).print(result, out);
        }
    }
}
