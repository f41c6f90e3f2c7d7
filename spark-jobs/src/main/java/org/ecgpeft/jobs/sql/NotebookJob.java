package org.ecgpeft.jobs.sql;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.jobs.cli.Job;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.lake.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code notebook}: runs SQL notebooks ({@link Notebook}) headless: every table under the root becomes a view,
 * then each cell is executed with Spark SQL and its result printed (and optionally written as CSV). A failing
 * cell fails the job with the notebook, cell and line named.
 */
public final class NotebookJob implements Job<NotebookConfig> {
    private static final Logger LOG = LoggerFactory.getLogger(NotebookJob.class);

    private final PrintStream out;

    /** A job printing results to {@code out}. */
    public NotebookJob(PrintStream out) {
        this.out = out;
    }

    @Override
    public String name() {
        return "notebook";
    }

    @Override
    public Options options() {
        return new Options(
                name(),
                "Run SQL notebooks in the Databricks source format (notebooks/*.sql) over the tables.",
                "NOTEBOOK.sql...",
                List.of(
                        Opt.value("tables", "DIR", "./ecg-lake", "Delta table root (local folder or Hadoop URI)"),
                        Opt.value("out", "DIR", null, "also write every cell's full result as CSV under this folder"),
                        Opt.value("max-rows", "N", "50", "most rows printed per cell"),
                        Opt.value("max-width", "N", "60", "widest printed cell")));
    }

    @Override
    public NotebookConfig configure(ParsedArgs a) {
        return new NotebookConfig(
                a.string("tables"),
                a.positionals().stream().map(Path::of).toList(),
                a.optional("out").map(Path::of),
                a.integer("max-rows"),
                a.integer("max-width"));
    }

    @Override
    public void run(SparkSession spark, NotebookConfig config) throws IOException {
        Lake lake = new Lake(spark, config.tablesRoot());
        List<String> views = lake.registerViews();
        LOG.info("tables under {}: {}", config.tablesRoot(), views);
        for (Table t : Table.values()) {
            if (!views.contains(t.tableName())) {
                // A stage that never ran (e.g. no global-norm preprocessing) leaves its cells empty instead of failing.
                spark.createDataFrame(List.of(), t.schema()).createOrReplaceTempView(t.tableName());
                LOG.info("{} does not exist under {}: its view is empty", t.tableName(), config.tablesRoot());
            }
        }
        NotebookVariables variables = new NotebookVariables(lake);
        TablePrinter printer = new TablePrinter(config.maxRows(), config.maxWidth());
        for (Path file : config.notebooks()) {
            Notebook notebook = Notebook.read(file);
            out.println("# " + notebook.name());
            int index = 0;
            for (NotebookCell cell : notebook.cells()) {
                index++;
                out.println();
                out.println("## [" + index + "] " + cell.title());
                Dataset<Row> result;
                try {
                    result = spark.sql(variables.substitute(cell));
                    printer.print(result, out);
                } catch (Exception e) {
                    // Spark's AnalysisException is a checked exception to Java, so it is caught here too.
                    throw new IllegalStateException(
                            notebook.name() + ", cell " + index + " '" + cell.title() + "' (line " + cell.line() + "): "
                                    + e.getMessage(),
                            e);
                }
                if (config.outDir().isPresent()) {
                    Path dir = config.outDir().get().resolve(notebook.name().replaceFirst("\\.sql$", ""));
                    Files.createDirectories(dir);
                    CsvExport.write(
                            result,
                            dir.resolve(String.format("%02d-%s.csv", index, slug(cell.title())))
                                    .toString());
                }
            }
            out.println();
        }
    }

    private static String slug(String title) {
        String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.isEmpty() ? "cell" : s;
    }
}
