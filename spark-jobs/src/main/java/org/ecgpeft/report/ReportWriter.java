package org.ecgpeft.report;

import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point for the {@code report} job: renders the charts into {@code <dir>/figures} and writes {@code <dir>/report.md}. */
public final class ReportWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);

    private ReportWriter() {}

    /** @return the written {@code report.md} */
    public static Path write(ReportData data, ReportSettings settings, Path dir) {
        List<ChartFile> charts = new Charts(dir.resolve("figures")).renderAll(data, settings);
        Path report = new MarkdownReport(data, settings, charts).write(dir.resolve("report.md"));
        LOG.info(
                "report written to {} with {} charts ({} runs, {} metric rows)",
                report,
                charts.size(),
                data.runs().size(),
                data.metrics().size());
        return report;
    }
}
