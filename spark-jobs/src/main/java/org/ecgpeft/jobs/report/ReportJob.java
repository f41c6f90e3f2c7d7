package org.ecgpeft.jobs.report;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.ecgpeft.cli.Opt;
import org.ecgpeft.cli.Options;
import org.ecgpeft.cli.ParsedArgs;
import org.ecgpeft.jobs.cli.Job;
import org.ecgpeft.lake.Lake;
import org.ecgpeft.report.ReportData;
import org.ecgpeft.report.ReportDataReader;
import org.ecgpeft.report.ReportSettings;
import org.ecgpeft.report.ReportWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code report}: reads the tables ({@code ecg_records}, {@code ecg_segments}, {@code ecg_models},
 * {@code ecg_training_curves}, {@code ecg_metrics}, {@code ecg_predictions}) and writes the Markdown report
 * with its PNG charts through {@link ReportWriter}.
 */
public final class ReportJob implements Job<ReportConfig> {
    private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);

    @Override
    public String name() {
        return "report";
    }

    @Override
    public Options options() {
        ReportSettings d = ReportSettings.defaults();
        return new Options(
                name(),
                "Write report.md and PNG charts (curves, metrics, confusion, ROC, trade-offs) " + "from the tables.",
                null,
                List.of(
                        Opt.value("tables", "DIR", "./ecg-lake", "Delta table root (local folder or Hadoop URI)"),
                        Opt.value("out", "DIR", null, "local output folder (default <table root>/report)"),
                        Opt.value("split", "NAME", d.split(), "split the comparisons, confusion matrices and ROC use"),
                        Opt.value("level", "segment|record", d.level(), "metric level of the comparisons"),
                        Opt.value("metric", "NAME", d.metric(), "headline metric of the comparisons")));
    }

    @Override
    public ReportConfig configure(ParsedArgs a) {
        String tables = a.string("tables");
        Path out = a.optional("out").map(Path::of).orElseGet(() -> ReportConfig.defaultOut(tables));
        return new ReportConfig(
                tables, out, new ReportSettings(a.string("split"), a.string("level"), a.string("metric")));
    }

    @Override
    public void run(SparkSession spark, ReportConfig config) {
        ReportData data = new ReportDataReader(new Lake(spark, config.tablesRoot()), config.settings()).read();
        Path md = ReportWriter.write(data, config.settings(), config.outDir());
        LOG.info("report of {} run(s) written to {}", data.runs().size(), md);
    }
}
